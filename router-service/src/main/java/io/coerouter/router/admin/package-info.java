/** The admin API: experts and their circuits, API keys, the skill taxonomy, profiling jobs, profile versions, evaluations. */
package io.coerouter.router.admin;
