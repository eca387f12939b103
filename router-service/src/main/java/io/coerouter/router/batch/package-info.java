/** The OpenAI-compatible Files and Batch APIs: whole files of requests planned at once and run grouped by expert. */
package io.coerouter.router.batch;
