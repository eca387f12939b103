/**
 * The error edge: every failure, from a domain {@code RouterException} to a malformed URL refused by Tomcat, answered
 * as an OpenAI-format JSON error. {@link io.coerouter.router.error.web.HttpErrors} is the one map from a domain
 * {@code ErrorKind} to an HTTP status and error type.
 */
package io.coerouter.router.error.web;
