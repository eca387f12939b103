package io.coerouter.router.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.router.error.RouterException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The credential is read from a form or a JSON object; every other shape is a 400 naming the field. */
class LoginCredentialTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String read(String contentType, String body) {
        return LoginCredential.read(contentType, body.getBytes(StandardCharsets.UTF_8), JSON);
    }

    @Test
    void aFormFieldIsDecoded() {
        assertThat(read("application/x-www-form-urlencoded", "credential=a%2Bb+c%3D"))
                .isEqualTo("a+b c=");
        assertThat(read("application/x-www-form-urlencoded;charset=UTF-8", "credential=k"))
                .isEqualTo("k");
    }

    @Test
    void aJsonFieldIsRead() {
        assertThat(read("application/json", "{\"credential\":\"secret-value\"}"))
                .isEqualTo("secret-value");
    }

    @Test
    void anotherFieldAMissingOneOrATwiceGivenOneIsRefused() {
        assertThatThrownBy(() -> read("application/x-www-form-urlencoded", "credential=a&user=b"))
                .isInstanceOfSatisfying(
                        RouterException.class, e -> assertThat(e.param()).isEqualTo("user"));
        assertThatThrownBy(() -> read("application/x-www-form-urlencoded", ""))
                .isInstanceOfSatisfying(
                        RouterException.class, e -> assertThat(e.code()).isEqualTo("missing_required_parameter"));
        assertThatThrownBy(() -> read("application/x-www-form-urlencoded", "credential=a&credential=b"))
                .isInstanceOfSatisfying(
                        RouterException.class, e -> assertThat(e.code()).isEqualTo("duplicate_parameter"));
        assertThatThrownBy(() -> read("application/json", "{\"credential\":\"a\",\"role\":\"admin\"}"))
                .isInstanceOfSatisfying(
                        RouterException.class, e -> assertThat(e.param()).isEqualTo("role"));
        assertThatThrownBy(() -> read("application/json", "[]")).isInstanceOf(RouterException.class);
    }

    @Test
    void aBrokenPercentEncodingIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> read("application/x-www-form-urlencoded", "credential=%zz-secret"))
                .isInstanceOfSatisfying(
                        RouterException.class, e -> assertThat(e.code()).isEqualTo("invalid_form"))
                .hasMessageNotContaining("secret");
    }
}
