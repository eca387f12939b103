/** Errors in OpenAI's format: every client mistake is a 4xx with {@code error.type}, {@code message}, {@code param}, {@code code}. */
package io.coerouter.router.error;
