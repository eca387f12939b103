/**
 * Usage analytics and the request log: every chat completion the router answered or failed, as a {@link
 * io.coerouter.router.usage.CompletedRequest} handed to a {@link io.coerouter.router.usage.UsageSink} off the request
 * path. With {@code coe.usage.datasource.url} set, {@link io.coerouter.router.usage.UsageHistory} buffers them in memory
 * and a background writer adds them up into hourly rollups (and, opt-in, a request log) in PostgreSQL, with bounded
 * retention; without it nothing is kept.
 */
package io.coerouter.router.usage;
