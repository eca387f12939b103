/** Helpers shared by the router's tests: a clock moved by hand. */
package io.coerouter.router.testing;
