/** The admin API: the skill taxonomy, profiling jobs, profile versions, import and export, routing evaluations. */
package io.coerouter.router.admin;
