package io.coerouter.router.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

class LocationsTest {

    /** A web application's loader reads a bare path from its servlet context; a plain path must not go there. */
    private static final ResourceLoader LOADER = new DefaultResourceLoader() {
        @Override
        protected Resource getResourceByPath(String path) {
            throw new AssertionError("a plain path went to the loader: " + path);
        }
    };

    @TempDir
    Path dir;

    @Test
    void aPlainAbsolutePathAFileUrlAndAClassPathLocationAllRead() throws Exception {
        Path file = Files.writeString(dir.resolve("skills.yaml"), "skills: []");

        for (String location :
                new String[] {file.toString(), "file:" + file, file.toUri().toString()}) {
            Resource resource = Locations.resource(LOADER, location);
            assertThat(resource.exists()).as(location).isTrue();
            assertThat(resource.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("skills: []");
        }
        assertThat(Locations.resource(LOADER, "classpath:application.yaml").exists())
                .isTrue();
    }

    @Test
    void aRelativePathIsTakenFromTheWorkingDirectory() {
        Resource resource = Locations.resource(LOADER, "pom.xml");

        assertThat(resource.exists()).isTrue();
        assertThat(Locations.path(LOADER, "pom.xml")).contains(Path.of("pom.xml"));
    }

    @Test
    void aMissingFileExistsNot() {
        assertThat(Locations.resource(LOADER, dir.resolve("none.yaml").toString())
                        .exists())
                .isFalse();
        assertThat(Locations.resource(LOADER, "classpath:no/such.yaml").exists())
                .isFalse();
    }

    @Test
    void aFolderIsAPlainPathAFileUrlOrAClassPathFolderOnTheFileSystem() throws Exception {
        assertThat(Locations.path(LOADER, dir.toString())).contains(dir);
        assertThat(Locations.path(LOADER, "file:" + dir).map(Path::toAbsolutePath))
                .contains(dir);
        Path classes = Locations.path(LOADER, "classpath:io/coerouter/router/resources")
                .orElseThrow();
        assertThat(Files.isDirectory(classes)).isTrue();
        assertThat(Locations.path(LOADER, "classpath:no/such/folder")).isEmpty();
    }
}
