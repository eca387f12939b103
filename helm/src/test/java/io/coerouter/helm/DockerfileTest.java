package io.coerouter.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, checked where no container can be built: the runtime stage's base, user, environment, volumes and
 * entrypoint, and that it copies exactly the layers the exec jar declares, in the jar's order. ChartToProcessIT runs
 * the image's entrypoint on those layers.
 */
class DockerfileTest {

    private static Dockerfile dockerfile() throws Exception {
        return Dockerfile.read(Chart.dir().resolve("../../Dockerfile"));
    }

    @Test
    void theImageRunsAJre21OrNewerAsANonRootUserWithAnExecFormEntrypoint() throws Exception {
        Dockerfile d = dockerfile();
        assertThat(d.base()).matches("eclipse-temurin:(2[1-9]|[3-9][0-9])-jre");
        assertThat(d.user()).isEqualTo("10001:10001");
        assertThat(d.workdir()).isEqualTo("/app");
        // Exec form: java is PID 1, so the kubelet's SIGTERM reaches the JVM and starts the graceful shutdown.
        // The extracted jar on the class path (not Spring Boot's launcher), with the image's AOT cache.
        assertThat(d.entrypoint())
                .containsExactly("java", "-XX:AOTCache=/app/coe-router.aot", "-jar", "coe-router.jar");
        assertThat(d.exposed()).containsExactly(8080, 9090);
    }

    @Test
    void everythingTheProcessWritesGoesToVolumesNamedByEnvironmentVariables() throws Exception {
        Dockerfile d = dockerfile();
        assertThat(d.volumes()).containsExactly("/tmp", "/var/cache/coe-router");
        assertThat(d.env().get("JDK_JAVA_OPTIONS"))
                .contains("-XX:MaxRAMPercentage=")
                .contains("-Djava.io.tmpdir=/tmp")
                .contains("--enable-native-access=ALL-UNNAMED");
        assertThat(d.env()).containsEntry("DJL_CACHE_DIR", "/var/cache/coe-router/djl");
        assertThat(d.env()).containsEntry("COE_LOCAL_CACHEDIR", "/var/cache/coe-router");
        assertThat(d.env()).containsEntry("HOME", "/tmp");
        // The chart mounts its emptyDirs at the same paths.
        var router = ChartRenderTest.router(Chart.parse(Chart.render()));
        assertThat(router.getVolumeMounts())
                .extracting(m -> m.getMountPath())
                .contains(d.volumes().toArray(String[]::new));
    }

    @Test
    void theImageCopiesEveryLayerOfTheExecJarInTheJarsOrder() throws Exception {
        Path jar = Path.of(System.getProperty(
                "coe.router.jar", "../router-service/target/router-service-0.1.0-SNAPSHOT-exec.jar"));
        org.junit.jupiter.api.Assumptions.assumeTrue(jar.toFile().exists(), "the exec jar is built (router-service)");
        List<String> layers = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            String index = new String(
                    zip.getInputStream(zip.getEntry("BOOT-INF/layers.idx")).readAllBytes());
            for (String line : index.lines().toList()) {
                if (line.startsWith("- \"")) {
                    layers.add(line.substring(3, line.lastIndexOf('"')));
                }
            }
        }
        assertThat(layers).isNotEmpty();
        assertThat(dockerfile().layers()).isEqualTo(layers);
    }

    @Test
    void theAotCacheIsMadeByATrainingRunOfTheImagesOwnStartAndCopiedWhereTheEntrypointReadsIt() throws Exception {
        Dockerfile d = dockerfile();
        assertThat(d.run())
                .anyMatch(r -> r.contains("extract --layers --application-filename coe-router.jar --destination"));
        // The same java, jar and working folder as the entrypoint, warmed up through the real path, then exiting.
        assertThat(d.run())
                .anyMatch(r -> r.contains("java -Xmx1g -XX:AOTCacheOutput=/aot/coe-router.aot -jar coe-router.jar"
                        + " --coe.warmup.exit=true"));
        assertThat(java.nio.file.Files.readString(Chart.dir().resolve("../../Dockerfile")))
                .contains("FROM app-cpu AS aot-cpu")
                .contains("FROM app-cpu AS runtime-cpu")
                .contains("COPY --from=aot-cpu /aot/coe-router.aot /app/coe-router.aot");
    }

    @Test
    void theCudaVariantPointsDjlAtCudaLibtorchOfTheBundledVersion() throws Exception {
        Dockerfile d = dockerfile();
        assertThat(d.args()).containsEntry("TORCH_FLAVOR", "cpu").containsEntry("TORCH_VERSION", "2.7.1");
        assertThat(d.run())
                .anyMatch(
                        r -> r.contains(
                                "pytorch-native-cu128/${TORCH_VERSION}/pytorch-native-cu128-${TORCH_VERSION}-linux-x86_64.jar"));
        assertThat(java.nio.file.Files.readString(Chart.dir().resolve("../../Dockerfile")))
                .contains("PYTORCH_LIBRARY_PATH=/opt/libtorch")
                .contains("PYTORCH_FLAVOR=cu128")
                .contains("FROM runtime-${TORCH_FLAVOR}");
    }
}
