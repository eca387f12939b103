package io.coerouter.router.jobs.inputs;

import io.coerouter.router.resources.Locations;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Where admin jobs' evaluation sets come from, and nowhere else: the JSONL text of the request itself, a file named
 * (not pathed) inside the configured folder, or one of the sets built into the router. Never a URL, a class-path
 * location of the caller's choosing or a path outside the folder. Every set is bounded in size and lines.
 */
final class EvalSetSource {

    /** The sets built into the router, by the name {@code eval_path} gives them, to their class-path resource. */
    static final Map<String, String> BUILT_IN =
            Map.of("classpath:coe-demo-experts/eval/demo-eval.jsonl", "coe-demo-experts/eval/demo-eval.jsonl");

    /** A file name: letters, digits, '-', '_' and inner dots; no separator, no "..", no leading dot. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}(\\.[A-Za-z0-9_-]{1,20}){0,3}");

    private final Path folder;
    private final long maxChars;
    private final int maxLines;

    private EvalSetSource(Path folder, long maxChars, int maxLines) {
        this.folder = folder;
        this.maxChars = maxChars;
        this.maxLines = maxLines;
    }

    /**
     * A source over {@code folder} (null or blank: none), reading at most {@code maxChars} characters and {@code
     * maxLines} lines of any one set.
     */
    static EvalSetSource of(String folder, long maxChars, int maxLines) {
        Path dir = null;
        if (folder != null && !folder.isBlank()) {
            try {
                // A plain path, file: or classpath: (a folder on the file system), as every location setting.
                dir = Locations.path(new DefaultResourceLoader(EvalSetSource.class.getClassLoader()), folder)
                        .orElseThrow(() -> new IOException("not a folder on the file system"))
                        .toRealPath();
            } catch (IOException | InvalidPathException e) {
                throw new IllegalArgumentException(
                        "coe.profiles.eval-dir must be an existing folder, but was '" + folder + "'");
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("coe.profiles.eval-dir must be a folder, but was '" + folder + "'");
            }
        }
        return new EvalSetSource(dir, maxChars, maxLines);
    }

    long maxChars() {
        return maxChars;
    }

    int maxLines() {
        return maxLines;
    }

    /** The request's own JSONL, bounded. */
    Reader inline(String jsonl) {
        return new BoundedReader(new StringReader(jsonl), maxChars, maxLines);
    }

    /**
     * The set {@code name} names: a built-in one, or a regular file of that name in the folder whose real path (links
     * followed) is still inside it. Empty for anything else, whatever the reason, so the answer reveals nothing about
     * what exists outside.
     */
    Optional<Reader> named(String name) {
        String resource = BUILT_IN.get(name);
        if (resource != null) {
            InputStream in = EvalSetSource.class.getClassLoader().getResourceAsStream(resource);
            return Optional.ofNullable(in).map(this::bounded);
        }
        if (folder == null || name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            return Optional.empty();
        }
        try {
            Path file = folder.resolve(name).toRealPath();
            if (!file.startsWith(folder) || !file.getParent().equals(folder) || !Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(bounded(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)));
        } catch (IOException | InvalidPathException | SecurityException e) {
            return Optional.empty();
        }
    }

    private Reader bounded(InputStream in) {
        return new BoundedReader(new InputStreamReader(in, StandardCharsets.UTF_8), maxChars, maxLines);
    }

    /** A set longer than the limits. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException() {
            super("the evaluation set exceeds its limits", null, false, false);
        }
    }

    /** Passes characters through until more than the limits have gone by, then throws {@link TooLargeException}. */
    private static final class BoundedReader extends Reader {

        private final Reader in;
        private final long maxChars;
        private final int maxLines;
        private long chars;
        private long lines;

        BoundedReader(Reader in, long maxChars, int maxLines) {
            this.in = in;
            this.maxChars = maxChars;
            this.maxLines = maxLines;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                chars += n;
                for (int i = offset; i < offset + n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                if (chars > maxChars || lines > maxLines) {
                    throw new TooLargeException();
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
