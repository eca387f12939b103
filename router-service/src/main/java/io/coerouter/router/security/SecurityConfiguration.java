package io.coerouter.router.security;

import io.coerouter.router.config.AuthProperties;
import io.coerouter.router.config.CoeProperties;
import io.coerouter.router.console.ConsoleSessions;
import io.coerouter.router.keys.ApiKeys;
import io.coerouter.router.warmup.WarmupPass;
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
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security filter chain. A strict firewall refuses ambiguous paths first (auth on or off). With auth on, routes
 * are authorized on the path Spring MVC dispatches:
 *
 * <ul>
 *   <li>public: the probes and the API description, the console's static files ({@code /console/**},
 *       {@code /webjars/**}, GET and HEAD) and signing in ({@code POST /console/login}, limited per address);
 *   <li>{@code /v1/**}: gateway keys only;
 *   <li>{@code /admin/**} and {@code /actuator/**}: the admin key, reads also the viewer key;
 *   <li>{@code POST /console/logout}: the admin or the viewer;
 *   <li>everything else: denied.
 * </ul>
 *
 * <p>Who is calling is told by {@link BearerFilter} ({@code Authorization: Bearer}: admin, viewer or gateway key) or,
 * without an {@code Authorization} header, by {@link ConsoleSessionFilter}: a console session cookie stands for the
 * admin or the viewer on {@code /admin/**} and signing out (never {@code /v1/**}), and a change made with it needs the
 * session's CSRF token. Spring Security's own sessions, CSRF, login form and generated user are off: bearer keys are
 * stateless, console sessions live in the shared store ({@code console.ConsoleSessions}). Console responses carry a
 * strict Content-Security-Policy and {@code Referrer-Policy: no-referrer}. With auth off every route is open, guarded
 * by {@link LocalCallerFilter} against other origins and host names.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** The HTTP methods the firewall lets through (its defaults); others are 405. */
    static final SortedSet<String> ALLOWED_METHODS = Collections.unmodifiableSortedSet(
            new TreeSet<>(Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")));

    /** The console's pages may load only their own scripts and styles, may not be framed, and leak no referrer. */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

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

    /** Who may sign in to the console (the admin and viewer keys); nobody is checked with auth off. */
    @Bean
    ConsoleSignIn consoleSignIn(CoeProperties properties, ApiKeys keys) {
        AuthProperties auth = properties.auth();
        return auth.enabled()
                ? ConsoleSignIn.of(BearerCredentials.of(auth.adminKey(), auth.viewerKey(), keys))
                : ConsoleSignIn.authOff();
    }

    /**
     * Spring Security's own observations off. With them, every filter of the chain runs inside a Micrometer
     * observation of its own (a dozen per request, before and after the controller), about a quarter of the gateway's
     * CPU per request in the one-request-at-a-time profile (docs/benchmarks.md). A request is still observed whole:
     * {@code http.server.requests}, and its trace when tracing is on.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            CoeProperties properties,
            ApiKeys keys,
            ConsoleSessions sessions,
            JsonMapper json,
            Environment environment,
            WarmupPass warmup)
            throws Exception {
        SecurityErrors errors = new SecurityErrors(json);
        http.csrf(AbstractHttpConfigurer::disable) // console sessions check their own token (ConsoleSessionFilter)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(SecurityConfiguration::consoleHeaders)
                .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        if (!properties.role().servesApi()) {
            http.addFilterBefore(new WorkerOnlyFilter(json), AnonymousAuthenticationFilter.class);
        }
        boolean console = properties.console().enabled();
        if (!console) {
            http.addFilterBefore(new ConsoleDisabledFilter(json), AnonymousAuthenticationFilter.class);
        }
        AuthProperties auth = properties.auth();
        http.addFilterBefore(new WarmupFilter(warmup, auth.enabled()), AnonymousAuthenticationFilter.class);
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
        BearerFilter bearer = new BearerFilter(credentials);
        http.addFilterBefore(bearer, AnonymousAuthenticationFilter.class);
        if (console) {
            http.addFilterAfter(new ConsoleSessionFilter(sessions, json), BearerFilter.class);
        }
        String[] open = Routes.open(ownManagementPort(environment));
        String admin = Caller.Role.ADMIN.name();
        String viewer = Caller.Role.VIEWER.name();
        return http.addFilterAfter(new AdmissionFilter(RequestAdmission.of(keys), json), AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        // An error page or a stream's continuation, for a request already authorized.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                        .permitAll()
                        // Public: probes, API description, the console's files, signing in.
                        .requestMatchers(HttpMethod.GET, open)
                        .permitAll()
                        .requestMatchers(HttpMethod.HEAD, open)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, Routes.CONSOLE_FILES)
                        .permitAll()
                        .requestMatchers(HttpMethod.HEAD, Routes.CONSOLE_FILES)
                        .permitAll()
                        .requestMatchers(Routes.LOGIN)
                        .permitAll()
                        // Keys and sessions.
                        .requestMatchers(Routes.LOGOUT)
                        .hasAnyRole(admin, viewer)
                        // The warm-up's pass opens POST /v1/chat/completions only (WarmupFilter).
                        .requestMatchers(Routes.GATEWAY)
                        .hasAnyRole(Caller.Role.GATEWAY.name(), Caller.Role.WARMUP.name())
                        .requestMatchers(request -> Routes.ADMIN.matches(request) && Routes.reads(request))
                        .hasAnyRole(admin, viewer)
                        .requestMatchers(Routes.ADMIN)
                        .hasRole(admin)
                        .anyRequest()
                        .denyAll())
                .build();
    }

    private static void consoleHeaders(HeadersConfigurer<HttpSecurity> headers) {
        // Spring Security's defaults (X-Content-Type-Options: nosniff, X-Frame-Options: DENY) stay on. Nothing that
        // carries data is cached; the console's own files are revalidated on every load (a 304 when unchanged) and
        // the versioned WebJars are kept, so a page load fetches its data, not its scripts.
        RequestMatcher files = new OrRequestMatcher(Routes.CONSOLE_FILE_READS, Routes.WEBJAR_READS);
        headers.cacheControl(HeadersConfigurer.CacheControlConfig::disable)
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new NegatedRequestMatcher(files), new CacheControlHeadersWriter()))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        Routes.CONSOLE_FILE_READS, new StaticHeadersWriter("Cache-Control", "no-cache")))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        Routes.WEBJAR_READS,
                        new StaticHeadersWriter("Cache-Control", "public, max-age=31536000, immutable")))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        Routes.CONSOLE, new ContentSecurityPolicyHeaderWriter(CONSOLE_CSP)))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        Routes.CONSOLE,
                        new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
    }

    /** Whether the actuator runs on a port of its own ({@code management.server.port}), as Boot decides it. */
    private static boolean ownManagementPort(Environment environment) {
        return ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
    }
}
