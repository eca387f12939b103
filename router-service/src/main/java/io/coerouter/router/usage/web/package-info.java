/**
 * The usage API's HTTP edge: {@code GET /admin/usage} (JSON or CSV) and the request log's {@code GET /admin/requests}
 * and {@code GET /admin/requests/{id}}; admin and viewer keys only, like every {@code /admin} route.
 */
package io.coerouter.router.usage.web;
