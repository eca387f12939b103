/** Configuration under the {@code coe} prefix, bound by Spring and converted to the libraries' immutable configs. */
package io.coerouter.router.config;
