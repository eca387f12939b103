package io.coerouter.router.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The auth settings: the viewer key is optional, and when set it is long enough and not the admin key. */
class AuthPropertiesTest {

    private static final String ADMIN = "admin-secret-0123456789";

    @Test
    void aBlankViewerKeyMeansNoViewer() {
        assertThat(new AuthProperties(true, ADMIN, "", List.of()).viewerKey()).isNull();
        assertThat(new AuthProperties(true, ADMIN, null, List.of()).viewerKey()).isNull();
    }

    @Test
    void aShortViewerKeyIsRefusedNamingTheSettingButNotTheSecret() {
        assertThatThrownBy(() -> new AuthProperties(true, ADMIN, "short-viewer", List.of()))
                .hasMessageContaining("coe.auth.viewer-key")
                .hasMessageContaining("12 characters")
                .hasMessageNotContaining("short-viewer");
    }

    @Test
    void theViewerKeyMayNotBeTheAdminKey() {
        assertThatThrownBy(() -> new AuthProperties(true, ADMIN, ADMIN, List.of()))
                .hasMessageContaining("coe.auth.viewer-key must differ from coe.auth.admin-key")
                .hasMessageNotContaining(ADMIN);
    }
}
