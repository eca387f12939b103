/**
 * Adapters over LangChain4j chat models: the shared base, the Anthropic, Gemini and Ollama adapters, and the HTTP path
 * every one of them takes (the egress guard in front of a blocking client that runs each exchange, a stream's pieces
 * included, on the caller's thread, over one pool of keep-alive connections per expert).
 */
package io.coerouter.expert.lc4j;
