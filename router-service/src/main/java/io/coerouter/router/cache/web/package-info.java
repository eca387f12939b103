/**
 * The response cache's admin API: {@code GET /admin/cache} (settings and this replica's counts), {@code GET
 * /admin/cache/entries} and {@code /admin/cache/entries/{id}} (entries' metadata; their question and answer to the
 * admin only), and {@code DELETE} on both (the admin only) to purge entries.
 */
package io.coerouter.router.cache.web;
