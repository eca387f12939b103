/**
 * The warm-up at readiness: before the router reports ready it sends itself requests through its real HTTP path to an
 * unlisted expert whose upstream is a stub inside this process, so the first client requests meet compiled code.
 */
package io.coerouter.router.warmup;
