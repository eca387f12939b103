/**
 * Skills in the service: the live taxonomy and classifier, the taxonomy and profile stores (in memory, or in Redis
 * shared by every replica and refreshed on the {@code skills} and {@code profiles} events), profiling jobs whose
 * profiles become the next version, and the skill recruiter. No HTTP: {@code skills.web} is the admin edge.
 */
package io.coerouter.router.skills;
