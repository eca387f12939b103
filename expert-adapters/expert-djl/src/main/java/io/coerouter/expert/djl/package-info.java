/** The {@code djl} adapter: TorchScript causal language models run in-process on DJL's PyTorch engine, with KV-cache generation in one running batch per model that requests join and leave between decoding steps (continuous batching). */
package io.coerouter.expert.djl;
