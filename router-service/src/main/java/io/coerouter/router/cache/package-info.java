/**
 * The response cache ({@code coe.cache.*}): answers a chat request again without calling an expert when the same
 * request (exact: a hash of its canonical form) or a paraphrase of its last user message under the same earlier
 * conversation and parameters (semantic: cosine of the in-process embeddings, guarded against near misses) was answered
 * before, within one scope (an API key, or shared). {@link io.coerouter.router.cache.ResponseCache} decides; a {@link
 * io.coerouter.router.cache.CacheStore} keeps entries in memory or in Redis. No HTTP types here; the chat edge and
 * {@code cache.web} use it.
 */
package io.coerouter.router.cache;
