/**
 * The OpenAI-compatible HTTP edge of chat: {@code POST /v1/chat/completions} (JSON and server-sent events), {@code
 * POST /v1/route} and {@code /v1/models}, with their response records and the mapping from the routed answer.
 */
package io.coerouter.router.chat.web;
