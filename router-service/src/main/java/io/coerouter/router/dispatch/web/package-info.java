/**
 * The web edge of cluster dispatch: {@code GET /admin/cluster} (gateways, workers with their residency, the local
 * experts' queues), its answer a typed record of its own.
 */
package io.coerouter.router.dispatch.web;
