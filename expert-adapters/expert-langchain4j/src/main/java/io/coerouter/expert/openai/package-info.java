/** The {@code openai} adapter: any OpenAI-compatible chat endpoint (OpenAI, vLLM, llama.cpp, Ollama, Groq...) via LangChain4j. */
package io.coerouter.expert.openai;
