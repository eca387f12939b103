/**
 * Who may call what, with Spring Security: a strict firewall refuses ambiguous paths first, bearer credentials become
 * roles (admin, viewer, gateway key), an admin console session cookie stands for the admin or viewer on the admin API
 * (with a CSRF token on every change), and routes are authorized on the path Spring MVC dispatches, denying anything
 * not explicitly allowed. Every refusal is an OpenAI-format error.
 */
package io.coerouter.router.security;
