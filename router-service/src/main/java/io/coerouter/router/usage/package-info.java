/**
 * Usage analytics and the request log: every chat completion the router answered or failed, as a {@link
 * io.coerouter.router.usage.CompletedRequest} handed to a {@link io.coerouter.router.usage.UsageSink} off the request
 * path.
 */
package io.coerouter.router.usage;
