/**
 * Decouples an expert's production of a streamed answer from the client's consumption of it: the expert writes into a
 * bounded per-response {@link io.coerouter.router.streaming.ResponseBuffer}, and a {@link
 * io.coerouter.router.streaming.DecoupledStream} drains it to the client on its own virtual thread, so a slow or
 * vanished client never holds an expert's slot and never counts against the expert. No Spring here.
 */
package io.coerouter.router.streaming;
