/** The HTTP edge of feedback: {@code POST /v1/feedback} for callers, {@code /admin/feedback} for the admin. */
package io.coerouter.router.feedback.web;
