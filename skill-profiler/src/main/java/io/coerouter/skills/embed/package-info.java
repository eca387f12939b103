/** Text embeddings for skill classification: the {@link io.coerouter.skills.embed.Embedder} interface and a bounded cache. */
package io.coerouter.skills.embed;
