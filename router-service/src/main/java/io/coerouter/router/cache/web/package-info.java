/** The response cache's admin API: statistics, entries, purges. */
package io.coerouter.router.cache.web;
