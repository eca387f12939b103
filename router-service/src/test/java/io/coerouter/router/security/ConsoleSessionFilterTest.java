package io.coerouter.router.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.config.ConsoleProperties;
import io.coerouter.router.console.ConsoleSession;
import io.coerouter.router.console.ConsoleSessions;
import io.coerouter.router.testing.ManualClock;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which requests a console session cookie authenticates (admin routes and signing out, without an Authorization
 * header), the CSRF token every change needs, and an ended session marked for the 401.
 */
class ConsoleSessionFilterTest {

    private final ManualClock clock = new ManualClock();
    private final ConsoleSessions sessions = ConsoleSessions.inMemory(ConsoleProperties.defaults(), clock);
    private final ConsoleSessionFilter filter =
            new ConsoleSessionFilter(sessions, JsonMapper.builder().build());
    private final ConsoleSessions.Opened admin = sessions.open(ConsoleSession.Role.ADMIN);

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    /** What the rest of the chain saw as the caller (null: anonymous, or the chain was not reached). */
    private record Outcome(MockHttpServletResponse response, Authentication caller, boolean reached) {}

    private Outcome send(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<Authentication> seen = new AtomicReference<>();
        MockFilterChain chain = new MockFilterChain() {
            @Override
            public void doFilter(ServletRequest req, ServletResponse res) throws IOException, ServletException {
                seen.set(SecurityContextHolder.getContext().getAuthentication());
                super.doFilter(req, res);
            }
        };
        filter.doFilter(request, response, chain);
        return new Outcome(response, seen.get(), chain.getRequest() != null);
    }

    private MockHttpServletRequest withCookie(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setCookies(new Cookie(ConsoleAccess.COOKIE, admin.cookie()));
        return request;
    }

    @Test
    void aReadOfTheAdminApiIsTheSessionsRoleAndTheSessionIsAttached() throws Exception {
        MockHttpServletRequest request = withCookie("GET", "/admin/keys");

        Outcome outcome = send(request);

        assertThat(outcome.caller()).isEqualTo(Caller.admin());
        assertThat(ConsoleAccess.session(request)).hasValueSatisfying(s -> assertThat(s.csrfToken())
                .isEqualTo(admin.session().csrfToken()));
    }

    @Test
    void everyChangeNeedsTheCsrfTokenAndHeadDoesNot() throws Exception {
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            Outcome refused = send(withCookie(method, "/admin/experts/echo"));
            assertThat(refused.reached()).as(method).isFalse();
            assertThat(refused.response().getStatus()).as(method).isEqualTo(403);
            assertThat(refused.response().getContentAsString()).contains("csrf_token_invalid", "permission_error");

            MockHttpServletRequest withToken = withCookie(method, "/admin/experts/echo");
            withToken.addHeader(ConsoleAccess.CSRF_HEADER, admin.session().csrfToken());
            assertThat(send(withToken).caller()).as(method).isEqualTo(Caller.admin());
        }
        assertThat(send(withCookie("HEAD", "/admin/keys")).caller()).isEqualTo(Caller.admin());
    }

    @Test
    void theCookieCountsNeitherOnTheGatewayApiNorNextToAnAuthorizationHeader() throws Exception {
        MockHttpServletRequest gateway = withCookie("GET", "/v1/models");
        MockHttpServletRequest actuator = withCookie("GET", "/actuator/metrics");
        MockHttpServletRequest withKey = withCookie("POST", "/admin/keys");
        withKey.addHeader("Authorization", "Basic YWRtaW46YWRtaW4=");

        for (MockHttpServletRequest request : new MockHttpServletRequest[] {gateway, actuator, withKey}) {
            Outcome outcome = send(request);
            assertThat(outcome.reached()).isTrue();
            assertThat(outcome.caller()).as(request.getRequestURI()).isNull();
            assertThat(ConsoleAccess.session(request)).isEmpty();
        }
    }

    @Test
    void signingOutIsAChangeLikeAnyOther() throws Exception {
        assertThat(send(withCookie("POST", "/console/logout")).response().getStatus())
                .isEqualTo(403);
        MockHttpServletRequest withToken = withCookie("POST", "/console/logout");
        withToken.addHeader(ConsoleAccess.CSRF_HEADER, admin.session().csrfToken());

        assertThat(send(withToken).caller()).isEqualTo(Caller.admin());
    }

    @Test
    void anEndedSessionIsAnonymousMarkedAndItsCookieCleared() throws Exception {
        clock.advance(Duration.ofMinutes(31));
        MockHttpServletRequest request = withCookie("GET", "/admin/keys");

        Outcome outcome = send(request);

        assertThat(outcome.reached()).isTrue();
        assertThat(outcome.caller()).isNull();
        assertThat(request.getAttribute(ConsoleSessionFilter.ENDED)).isEqualTo(Boolean.TRUE);
        assertThat(outcome.response().getHeader("Set-Cookie"))
                .startsWith("COE_CONSOLE=;")
                .contains("Max-Age=0", "HttpOnly", "SameSite=Strict");
    }

    @Test
    void theCookieIsSecureOnlyWhenTheRequestWas() {
        assertThat(ConsoleAccess.setCookie("v", true)).contains("; Secure");
        assertThat(ConsoleAccess.setCookie("v", false)).doesNotContain("Secure");
    }
}
