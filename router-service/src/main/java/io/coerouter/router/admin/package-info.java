/**
 * What the admin web edges of several features (experts, keys, skills, aggregation) share, without HTTP: typed reads of
 * JSON request bodies, the experts a request names, and the evaluation sets and other inputs of profiling, evaluation
 * and selection jobs. The controllers live in their features' {@code web} packages.
 */
package io.coerouter.router.admin;
