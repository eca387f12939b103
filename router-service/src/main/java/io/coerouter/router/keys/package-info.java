/** Gateway API keys: stored hashed, checked on every call, with requests, tokens and spend limited across replicas. */
package io.coerouter.router.keys;
