package io.coerouter.router.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.coerouter.router.keys.ApiKeyStore;
import io.coerouter.router.keys.ApiKeys;
import io.coerouter.router.keys.KeyUsage;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which credential a bearer secret is, and what the resulting caller may be granted. */
class BearerCredentialsTest {

    private static final String ADMIN = "admin-secret-0123456789";
    private static final String VIEWER = "viewer-secret-0123456789";
    private final ApiKeys keys =
            new ApiKeys(ApiKeyStore.inMemory(), KeyUsage.inMemory(Clock.systemUTC()), Clock.systemUTC());

    @Test
    void eachSecretIsItsOwnRoleAndAnUnknownOneIsNone() {
        ApiKeys.Created gateway = keys.create(new ApiKeys.Limits("g", null, null, 0, 0, null));
        BearerCredentials credentials = BearerCredentials.of(ADMIN, VIEWER, keys);

        assertThat(credentials.identify(ADMIN).orElseThrow().role()).isEqualTo(Caller.Role.ADMIN);
        assertThat(credentials.identify(VIEWER).orElseThrow().role()).isEqualTo(Caller.Role.VIEWER);
        Caller caller = credentials.identify(gateway.secret()).orElseThrow();
        assertThat(caller.role()).isEqualTo(Caller.Role.GATEWAY);
        assertThat(caller.key().id()).isEqualTo(gateway.key().id());
        assertThat(caller.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_GATEWAY");
        assertThat(caller.getCredentials()).as("the secret is not kept").isNull();
        assertThat(credentials.identify(ADMIN + "x")).isEmpty();
        assertThat(credentials.identify(ADMIN.substring(1))).isEmpty();
    }

    @Test
    void onlyTheAdminAndViewerKeysSignInToTheConsoleNeverAGatewayKey() {
        ApiKeys.Created gateway = keys.create(new ApiKeys.Limits("g", null, null, 0, 0, null));
        BearerCredentials credentials = BearerCredentials.of(ADMIN, VIEWER, keys);
        ConsoleSignIn signIn = ConsoleSignIn.of(credentials);

        assertThat(credentials.adminOrViewer(ADMIN).orElseThrow().role()).isEqualTo(Caller.Role.ADMIN);
        assertThat(credentials.adminOrViewer(VIEWER).orElseThrow().role()).isEqualTo(Caller.Role.VIEWER);
        assertThat(credentials.adminOrViewer(gateway.secret())).isEmpty();
        assertThat(signIn.identify(ADMIN)).contains(io.coerouter.router.console.ConsoleSession.Role.ADMIN);
        assertThat(signIn.identify(VIEWER)).contains(io.coerouter.router.console.ConsoleSession.Role.VIEWER);
        assertThat(signIn.identify(gateway.secret())).isEmpty();
        assertThat(signIn.identify(ADMIN + " ")).isEmpty();
        assertThat(ConsoleSignIn.authOff().identify(ADMIN))
                .as("auth off: nobody signs in")
                .isEmpty();
    }

    @Test
    void withoutAViewerKeyNoSecretIsTheViewer() {
        BearerCredentials credentials = BearerCredentials.of(ADMIN, null, keys);

        assertThat(credentials.identify(VIEWER)).isEmpty();
    }

    @Test
    void onlyABearerAuthorizationHeaderCarriesASecret() {
        assertThat(BearerCredentials.bearer(withAuthorization("Bearer abc"))).isEqualTo("abc");
        assertThat(BearerCredentials.bearer(withAuthorization("bearer  abc "))).isEqualTo("abc");
        assertThat(BearerCredentials.bearer(withAuthorization("Basic YWRtaW46YWRtaW4=")))
                .isNull();
        assertThat(BearerCredentials.bearer(withAuthorization("Bearer "))).isNull();
        assertThat(BearerCredentials.bearer(new MockHttpServletRequest())).isNull();
    }

    private static MockHttpServletRequest withAuthorization(String value) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", value);
        return request;
    }
}
