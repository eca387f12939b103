/** Aggregation: turning the answers of several recruited experts into one response. */
package io.coerouter.aggregate;
