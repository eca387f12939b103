package io.coerouter.expert.djl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Turns a configured model path into a local folder holding {@code manifest.json}, the model and the tokenizer: a
 * folder as it is, a {@code .zip} archive unpacked into the cache, or {@code classpath:some/folder} copied out of the
 * class path into the cache (how the built-in demo experts ship).
 */
final class ModelFolder {

    static final String MANIFEST = "manifest.json";
    private static final String CLASSPATH = "classpath:";

    private ModelFolder() {}

    static Path resolve(String modelPath, Path cacheDir) throws IOException {
        if (modelPath.startsWith(CLASSPATH)) {
            return fromClasspath(modelPath.substring(CLASSPATH.length()), cacheDir);
        }
        Path path = Path.of(modelPath.startsWith("file:") ? modelPath.substring(5) : modelPath);
        if (Files.isDirectory(path)) {
            return path;
        }
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".zip")) {
            return unzip(path, cacheDir);
        }
        throw new IOException("model path " + modelPath + " is neither a folder nor a .zip archive");
    }

    private static Path fromClasspath(String folder, Path cacheDir) throws IOException {
        String base = folder.replaceAll("^/+|/+$", "");
        ClassLoader loader = ModelFolder.class.getClassLoader();
        ModelManifest manifest;
        try (InputStream in = loader.getResourceAsStream(base + "/" + MANIFEST)) {
            if (in == null) {
                throw new IOException("no " + MANIFEST + " on the class path under " + base);
            }
            manifest = ModelManifest.read(in);
        }
        Path target = cacheDir.resolve("classpath").resolve(base);
        Files.createDirectories(target);
        for (String file : new String[] {MANIFEST, manifest.modelFile(), manifest.tokenizerFile()}) {
            try (InputStream in = loader.getResourceAsStream(base + "/" + file)) {
                if (in == null) {
                    throw new IOException("no " + file + " on the class path under " + base);
                }
                copyIfChanged(in, target.resolve(file));
            }
        }
        return target;
    }

    private static Path unzip(Path archive, Path cacheDir) throws IOException {
        String stamp = Long.toHexString(Files.size(archive)) + "-"
                + Long.toHexString(Files.getLastModifiedTime(archive).toMillis());
        String name = archive.getFileName().toString().replaceFirst("\\.zip$", "");
        Path target = cacheDir.resolve("archives").resolve(name + "-" + stamp);
        if (Files.isRegularFile(target.resolve(MANIFEST))) {
            return target;
        }
        Path partial = cacheDir.resolve("archives").resolve(name + "-" + stamp + ".partial");
        Files.createDirectories(partial);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path out = partial.resolve(entry.getName()).normalize();
                if (!out.startsWith(partial)) {
                    throw new IOException("archive entry escapes its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zip, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path root = Files.isRegularFile(partial.resolve(MANIFEST)) ? partial : singleSubfolder(partial);
        Files.move(root, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Archives often hold one top folder; the manifest is inside it. */
    private static Path singleSubfolder(Path folder) throws IOException {
        try (var children = Files.list(folder)) {
            return children.filter(p -> Files.isRegularFile(p.resolve(MANIFEST)))
                    .findFirst()
                    .orElseThrow(() -> new IOException("the archive holds no " + MANIFEST));
        }
    }

    private static void copyIfChanged(InputStream in, Path target) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
            byte[] existing = Files.readAllBytes(target);
            if (java.util.Arrays.equals(existing, bytes)) {
                return;
            }
        }
        Path temp = target.resolveSibling(
                target.getFileName() + "." + HexFormat.of().toHexDigits(System.nanoTime()));
        Files.write(temp, bytes);
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw new UncheckedIOException(e);
        }
    }
}
