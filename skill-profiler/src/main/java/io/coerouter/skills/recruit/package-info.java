/** Recruiting: choosing which experts answer a query, and explaining why. */
package io.coerouter.skills.recruit;
