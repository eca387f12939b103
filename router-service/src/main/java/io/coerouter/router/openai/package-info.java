/**
 * OpenAI's wire objects that more than one edge writes: the chat completion (online answers and batch output lines).
 * Plain records, no HTTP.
 */
package io.coerouter.router.openai;
