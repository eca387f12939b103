/**
 * The chat-completions domain: a validated {@link io.coerouter.router.chat.ChatCompletionRequest} with its {@code coe}
 * options, and the parser that reads one from a request body. The HTTP edge is {@code chat.web}.
 */
package io.coerouter.router.chat;
