/** Shared state: the Redis (Lettuce) connection the stores of several replicas use, and its outages. */
package io.coerouter.router.state;
