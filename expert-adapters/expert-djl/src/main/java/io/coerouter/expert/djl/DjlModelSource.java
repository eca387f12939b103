package io.coerouter.expert.djl;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertErrors;
import io.coerouter.expert.LocalModels;
import io.coerouter.expert.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A local model's files, resolved once: what the pool loads for a {@code djl} expert. */
final class DjlModelSource implements ModelSource<CausalLm> {

    private final String id;
    private final String modelPath;
    private final LocalModels local;
    private volatile Resolved resolved;

    private record Resolved(Path folder, ModelManifest manifest, long size) {}

    DjlModelSource(String id, String modelPath, LocalModels local) {
        this.id = id;
        this.modelPath = modelPath;
        this.local = local;
    }

    /** Finds the folder and reads the manifest; a missing or broken file is a non-retriable error naming it. */
    ModelManifest resolve() {
        Resolved r = resolved;
        if (r != null) {
            return r.manifest();
        }
        synchronized (this) {
            if (resolved == null) {
                try {
                    Path folder = ModelFolder.resolve(modelPath, local.cacheDir());
                    ModelManifest manifest;
                    try (InputStream in = Files.newInputStream(folder.resolve(ModelFolder.MANIFEST))) {
                        manifest = ModelManifest.read(in);
                    }
                    for (String file : new String[] {manifest.modelFile(), manifest.tokenizerFile()}) {
                        if (!Files.isRegularFile(folder.resolve(file))) {
                            throw new IOException("missing file " + folder.resolve(file));
                        }
                    }
                    resolved = new Resolved(folder, manifest, Files.size(folder.resolve(manifest.modelFile())));
                } catch (IOException | RuntimeException e) {
                    // The path and the loader's text name host files: the log's, not the client's.
                    throw ExpertErrors.configuration(
                            id,
                            ExpertErrorKind.MISCONFIGURED,
                            "cannot use model path " + modelPath + ": " + e.getMessage(),
                            e);
                }
            }
            return resolved.manifest();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public long sizeBytes() {
        resolve();
        return resolved.size();
    }

    @Override
    public byte[] readBytes() throws IOException {
        resolve();
        return Files.readAllBytes(resolved.folder().resolve(resolved.manifest().modelFile()));
    }

    @Override
    public CausalLm load(byte[] bytes) throws Exception {
        Resolved r = resolved;
        return new CausalLm(
                r.manifest(),
                bytes,
                r.folder().resolve(r.manifest().tokenizerFile()),
                DjlEngine.device(local.device(), local.cacheDir()),
                local.maxBatchSize());
    }
}
