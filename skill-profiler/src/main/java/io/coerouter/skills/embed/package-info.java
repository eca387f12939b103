/** Text embeddings for skill classification: in-process MiniLM and a bounded cache. */
package io.coerouter.skills.embed;
