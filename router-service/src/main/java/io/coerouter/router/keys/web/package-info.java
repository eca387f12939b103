/** {@code /admin/keys}: the web edge that creates, lists, changes and deletes gateway API keys. */
package io.coerouter.router.keys.web;
