package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (the {@code -exec} jar {@code package} builds) started as its own process, with its own
 * class path rather than the tests': a dependency that only the tests bring (a test-scoped jar shadowing a runtime
 * one) fails here, as it would in the image and under {@code spring-boot:run}.
 */
class PackagedJarIT {

    private static RouterProcess router;

    @BeforeAll
    static void startThePackagedJar() throws Exception {
        router = RouterProcess.start(
                        "packaged",
                        List.of(
                                "--coe.default-expert=echo",
                                "--coe.experts[0].id=echo",
                                "--coe.experts[0].adapter=echo"))
                .awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void thePackagedRouterAnswersAChatCompletionAndServesItsApiDocument() throws Exception {
        RouterProcess.Reply chat = router.chat("echo", "packaged", false);

        assertThat(chat.status()).as(router.tail()).isEqualTo(200);
        assertThat(chat.body()).contains("\"object\":\"chat.completion\"").contains("packaged");
        assertThat(router.get("/openapi.yaml").status()).isEqualTo(200);
    }
}
