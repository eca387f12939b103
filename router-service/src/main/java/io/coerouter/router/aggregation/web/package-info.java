/** {@code /admin/aggregators/selection}: the web edge that starts and shows aggregator selections. */
package io.coerouter.router.aggregation.web;
