/** Helpers shared by the router's tests: a clock moved by hand, waiting for what another thread does. */
package io.coerouter.router.testing;
