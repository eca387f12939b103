/** Skills in the service: the live taxonomy and classifier, the profile store and the skill recruiter. */
package io.coerouter.router.skills;
