/** The {@code djl} adapter: TorchScript causal language models run in-process on DJL's PyTorch engine, with batched KV-cache generation. */
package io.coerouter.expert.djl;
