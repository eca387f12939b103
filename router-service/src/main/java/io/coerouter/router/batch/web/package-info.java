/**
 * The HTTP edge of the Files and Batch APIs: their controllers, the OpenAI-format objects they answer with (mapped
 * from the batch core's types), multipart upload parsing, and the lines of a batch's output and error files.
 */
package io.coerouter.router.batch.web;
