/** {@code /admin/jobs}: the web edge listing every job of every replica, batches included. */
package io.coerouter.router.jobs.web;
