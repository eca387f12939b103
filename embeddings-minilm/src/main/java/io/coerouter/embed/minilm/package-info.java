/**
 * The in-process all-MiniLM-L6-v2 embedder ({@link io.coerouter.embed.minilm.MiniLm#embedder()}) for skill
 * classification, on LangChain4j's ONNX Runtime embeddings; the only module that pulls ONNX Runtime.
 */
package io.coerouter.embed.minilm;
