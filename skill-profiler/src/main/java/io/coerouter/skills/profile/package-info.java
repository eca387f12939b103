/** Expert profiles: evaluation sets, graders, profiling jobs, versioned profile stores and their JSON. */
package io.coerouter.skills.profile;
