/**
 * The core of the OpenAI-compatible Files and Batch APIs, free of HTTP: whole files of requests planned at once, run
 * grouped by expert, owned by the API key that created them, moved through their {@link
 * io.coerouter.router.batch.BatchStatus states} only by the allowed transitions, stored as versioned records, and
 * resumed by another replica when their router stops. Their HTTP edge is {@code io.coerouter.router.batch.web}.
 */
package io.coerouter.router.batch;
