/**
 * {@code /admin/skills}, {@code /admin/profiles} and {@code /admin/evaluations}: the web edge of the skill taxonomy,
 * profiling jobs, the versioned profile store and routing evaluations.
 */
package io.coerouter.router.skills.web;
