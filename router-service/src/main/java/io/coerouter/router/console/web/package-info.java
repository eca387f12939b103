/**
 * The admin console's HTTP edge: its pages ({@code GET /console}, {@code /console/}, {@code /console/login}), signing
 * in and out ({@code POST /console/login}, {@code POST /console/logout}, the session cookie) and
 * {@code GET /admin/session} (who is signed in, the CSRF token). The static files themselves are under
 * {@code static/console/}; which requests a cookie authenticates is decided by the security chain.
 */
package io.coerouter.router.console.web;
