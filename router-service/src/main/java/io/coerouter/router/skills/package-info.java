/**
 * Skills in the service: the live taxonomy and classifier, the taxonomy and profile stores (in memory, or in Redis
 * shared by every replica and refreshed on the {@code skills} and {@code profiles} events) and the skill recruiter.
 */
package io.coerouter.router.skills;
