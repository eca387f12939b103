/** The expert registry, kept in the shared store and rebuilt on every replica when it changes, and expert metrics. */
package io.coerouter.router.experts;
