/** The per-expert scheduler: local experts' work batched by expert to minimise model loads, with bounded waits. */
package io.coerouter.router.scheduling;
