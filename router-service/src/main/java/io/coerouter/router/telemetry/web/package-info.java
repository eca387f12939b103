/** The web edge of the live figures: {@code GET /admin/overview} and its response record. */
package io.coerouter.router.telemetry.web;
