/** The request path: resolve the model, recruit experts, call them, aggregate, and trace what was done. */
package io.coerouter.router.routing;
