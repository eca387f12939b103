package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Location settings take a plain file path, as a mounted Kubernetes ConfigMap gives it ({@code
 * /etc/coe/skills.yaml}), besides {@code file:} and {@code classpath:}.
 */
class LocationSettingsIT {

    private static Path folder;
    private static ConfigurableApplicationContext router;
    private static DemoHttp http;

    @BeforeAll
    static void start() throws Exception {
        folder = Files.createTempDirectory("coe-config");
        Path taxonomy = copy("coe-demo-experts/skills.yaml", folder.resolve("skills.yaml"));
        Path profiles = copy("coe-demo-experts/profiles.json", folder.resolve("profiles.json"));
        router = new SpringApplicationBuilder(CoeRouterApplication.class)
                .run(
                        "--server.port=0",
                        "--coe.redis.url=",
                        "--coe.skills.warm-up=false",
                        "--coe.default-expert=echo",
                        "--coe.experts[0].id=echo",
                        "--coe.experts[0].adapter=echo",
                        "--coe.skills.taxonomy=" + taxonomy.toAbsolutePath(),
                        "--coe.profiles.location=" + profiles.toAbsolutePath(),
                        "--coe.profiles.eval-dir=file:" + folder.toAbsolutePath());
        http = Routers.http(router);
    }

    private static Path copy(String resource, Path to) throws Exception {
        try (InputStream in = LocationSettingsIT.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, to);
        }
        return to;
    }

    @AfterAll
    static void stop() throws Exception {
        if (router != null) {
            router.close();
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void theTaxonomyAndTheProfilesAreReadFromPlainPaths() throws Exception {
        DemoHttp.Reply skills = http.get("/admin/skills");
        assertThat(skills.status()).as(skills.raw()).isEqualTo(200);
        assertThat(skills.raw()).contains("arithmetic");

        DemoHttp.Reply versions = http.get("/admin/profiles/versions");
        assertThat(versions.status()).as(versions.raw()).isEqualTo(200);
        assertThat(versions.body().path("versions").get(0).asInt()).isEqualTo(1);
    }
}
