/**
 * The admin console's sign-in sessions, without HTTP: {@link io.coerouter.router.console.ConsoleSession} (role, CSRF
 * token, created, last seen), the {@link io.coerouter.router.console.ConsoleSessions} store in memory or in Redis
 * (keyed by the SHA-256 of the cookie value, never the value; idle and absolute expiry from the injected clock) and
 * {@link io.coerouter.router.console.LoginAttempts}, the limit on failed sign-ins per client address. The cookie, the
 * CSRF header and the pages are the edge's ({@code console.web}, {@code security}).
 */
package io.coerouter.router.console;
