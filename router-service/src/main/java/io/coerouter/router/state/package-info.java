/** Shared state: the Redis (Lettuce) connection the stores of several replicas use, change events, and outages. */
package io.coerouter.router.state;
