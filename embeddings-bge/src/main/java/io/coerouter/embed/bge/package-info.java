/**
 * The in-process bge-small-en-v1.5 embedder ({@link io.coerouter.embed.bge.BgeSmall#embedder()}) the trained skill
 * classifier reads queries with. Plain Java; ONNX Runtime comes with it.
 */
package io.coerouter.embed.bge;
