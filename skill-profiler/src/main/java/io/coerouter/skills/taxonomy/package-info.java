/** The skill taxonomy: the skills queries are classified into and experts are profiled on. */
package io.coerouter.skills.taxonomy;
