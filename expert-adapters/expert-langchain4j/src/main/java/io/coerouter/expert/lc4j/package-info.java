/** Adapters over LangChain4j chat models: the shared base, and the Anthropic and Ollama adapters. */
package io.coerouter.expert.lc4j;
