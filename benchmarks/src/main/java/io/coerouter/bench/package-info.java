/** Gateway benchmarks: a loopback OpenAI upstream, an open-loop load generator and the overhead driver. */
package io.coerouter.bench;
