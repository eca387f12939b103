/**
 * The OpenAI-compatible Files and Batch APIs: whole files of requests planned at once, run grouped by expert, owned
 * by the API key that created them, and resumed by another replica when their router stops.
 */
package io.coerouter.router.batch;
