/** The registry of configured experts and the metrics recorded for every expert call. */
package io.coerouter.router.experts;
