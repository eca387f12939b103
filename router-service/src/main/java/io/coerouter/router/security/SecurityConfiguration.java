package io.coerouter.router.security;

import io.coerouter.router.config.AuthProperties;
import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.keys.ApiKeys;
import jakarta.servlet.DispatcherType;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security filter chain. A strict firewall refuses ambiguous paths first (auth on or off). With auth on, routes
 * are authorized on the path Spring MVC dispatches: the public probes; {@code /v1/**} for gateway keys;
 * {@code /admin/**} and {@code /actuator/**} for the admin key, reads also for the viewer key; everything else is
 * denied. Stateless bearer tokens: no session, no CSRF, no login form, no generated user.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** The HTTP methods the firewall lets through (its defaults); others are 405. */
    static final SortedSet<String> ALLOWED_METHODS = Collections.unmodifiableSortedSet(
            new TreeSet<>(Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")));

    /**
     * Refuses path parameters, encoded slashes, backslashes, percent signs and periods, dot segments, double slashes
     * and non-printable characters (Spring Security's defaults, kept explicit here).
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowSemicolon(false);
        firewall.setAllowUrlEncodedSlash(false);
        firewall.setAllowUrlEncodedDoubleSlash(false);
        firewall.setAllowBackSlash(false);
        firewall.setAllowUrlEncodedPercent(false);
        firewall.setAllowUrlEncodedPeriod(false);
        firewall.setAllowNull(false);
        firewall.setAllowedHttpMethods(ALLOWED_METHODS);
        return firewall;
    }

    /**
     * The firewall's refusals as OpenAI errors. The only bean of its type: Spring Security looks it up by type and
     * silently keeps its own (an empty 400) when there are several.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper json) {
        return new SecurityErrors(json);
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, CoeProperties properties, ApiKeys keys, JsonMapper json, Environment environment)
            throws Exception {
        SecurityErrors errors = new SecurityErrors(json);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        AuthProperties auth = properties.auth();
        if (!auth.enabled()) {
            log.warn("AUTH IS DISABLED: every caller may use every model and the admin API. Set coe.auth.enabled=true"
                    + " and COE_ADMIN_KEY before exposing this router (docs/security.md).");
            return http.addFilterBefore(
                            new LocalCallerFilter(LocalCallers.of(auth.allowedHosts()), json),
                            AuthorizationFilter.class)
                    .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                    .build();
        }
        log.info(
                "auth: /v1 needs a gateway API key, /admin and the actuator's other endpoints the admin key{}",
                auth.viewerKey() == null ? "" : " (reads also the viewer key)");
        BearerCredentials credentials = BearerCredentials.of(auth.adminKey(), auth.viewerKey(), keys);
        String[] open = Routes.open(ownManagementPort(environment));
        return http.addFilterBefore(new BearerFilter(credentials), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new AdmissionFilter(RequestAdmission.of(keys), json), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        // An error page or a stream's continuation, for a request already authorized.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, open)
                        .permitAll()
                        .requestMatchers(HttpMethod.HEAD, open)
                        .permitAll()
                        .requestMatchers(Routes.GATEWAY)
                        .hasRole(Caller.Role.GATEWAY.name())
                        .requestMatchers(request -> Routes.ADMIN.matches(request) && Routes.reads(request))
                        .hasAnyRole(Caller.Role.ADMIN.name(), Caller.Role.VIEWER.name())
                        .requestMatchers(Routes.ADMIN)
                        .hasRole(Caller.Role.ADMIN.name())
                        .anyRequest()
                        .denyAll())
                .build();
    }

    /** Whether the actuator runs on a port of its own ({@code management.server.port}), as Boot decides it. */
    private static boolean ownManagementPort(Environment environment) {
        return ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
    }
}
