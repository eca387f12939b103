package io.coerouter.router.resources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads a location setting ({@code coe.skills.taxonomy}, {@code coe.profiles.location}, {@code coe.profiles.eval-dir},
 * ...) the one same way: {@code classpath:some/file}, a {@code file:} URL, or a plain file-system path, absolute or
 * relative to the working directory (what a mounted Kubernetes ConfigMap gives). A plain path is never looked up as a
 * servlet-context or class-path resource.
 */
public final class Locations {

    /** The prefix of a class-path location. */
    public static final String CLASSPATH = "classpath:";

    /** A URL scheme of two letters or more: one letter ({@code C:\...}) is a Windows drive. */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

    private Locations() {}

    /** The resource {@code location} names (which may not exist); {@code loader} resolves class-path and URLs. */
    public static Resource resource(ResourceLoader loader, String location) {
        if (isUrl(location)) {
            return loader.getResource(location);
        }
        return new FileSystemResource(location);
    }

    /**
     * The file-system folder or file {@code location} names: a plain path, a {@code file:} URL, or a {@code
     * classpath:} location that lies on the file system (not inside a jar); empty when it names none.
     */
    public static Optional<Path> path(ResourceLoader loader, String location) {
        try {
            if (!isUrl(location)) {
                return Optional.of(Path.of(location));
            }
            Resource resource = loader.getResource(location);
            return resource.isFile() ? Optional.of(resource.getFile().toPath()) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isUrl(String location) {
        return location.toLowerCase(Locale.ROOT).startsWith(CLASSPATH)
                || URL.matcher(location).matches();
    }
}
