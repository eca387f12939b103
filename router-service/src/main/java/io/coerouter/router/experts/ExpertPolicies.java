package io.coerouter.router.experts;

import io.coerouter.expert.egress.EgressPolicy;
import io.coerouter.expert.egress.EgressPolicy.Origin;
import io.coerouter.expert.egress.SecretPolicy;
import io.coerouter.router.config.ExpertProperties;
import io.coerouter.router.error.JsonBodies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The deployment's rules for what an expert may use, checked when one is defined and again when it is built: which
 * environment variable may hold its key ({@link SecretPolicy}), where it may connect ({@link EgressPolicy}), and for
 * experts created through the admin API, which local model folders it may load.
 */
public final class ExpertPolicies {

    private static final String CLASSPATH = "classpath:";

    /** Where the demo models live on the class path: the only classpath: models admin-created experts may name. */
    static final String DEMO_MODELS = "coe-demo-experts/";

    /** Said for every refused key variable, so the answer never tells whether the variable exists. */
    static final String SECRET_REFUSED = "api_key_env must name a provider key variable: a name ending in _API_KEY,"
            + " starting with an allowed prefix (coe.secrets.allowed-env-prefixes, default COE_PROVIDER_) or listed in"
            + " coe.secrets.allowed-env-names; the router's own secrets are never allowed.";

    /** Said for every refused model path, so the answer never tells whether a path exists. */
    static final String MODEL_PATH_REFUSED = "model_path must name a readable model under one of coe.local.model-dirs,"
            + " or a demo model (classpath:coe-demo-experts/...); this one is not allowed, does not exist or cannot be"
            + " read.";

    private final SecretPolicy secrets;
    private final EgressPolicy egress;
    private final List<Path> modelDirs;
    private final List<String> classpathRoots;
    /** Whether models are loaded in this process, so a model path must be readable here (false on a gateway). */
    private final boolean modelsHere;

    private ExpertPolicies(
            SecretPolicy secrets, EgressPolicy egress, List<Path> modelDirs, List<String> classpathPrefixes) {
        this(secrets, egress, modelDirs, roots(classpathPrefixes), true);
    }

    private ExpertPolicies(
            SecretPolicy secrets,
            EgressPolicy egress,
            List<Path> modelDirs,
            List<String> classpathRoots,
            boolean modelsHere) {
        this.secrets = secrets;
        this.egress = egress;
        this.modelDirs = List.copyOf(modelDirs);
        this.classpathRoots = List.copyOf(classpathRoots);
        this.modelsHere = modelsHere;
    }

    /**
     * These rules for a process that loads no models (a cluster's gateway): a model path must still lie under an
     * allowed folder, but is not read here; the workers that load it check it is readable there.
     */
    public ExpertPolicies withModelsElsewhere() {
        return new ExpertPolicies(secrets, egress, modelDirs, classpathRoots, false);
    }

    private static List<String> roots(List<String> classpathPrefixes) {
        List<String> roots = new java.util.ArrayList<>(List.of(DEMO_MODELS));
        for (String prefix : classpathPrefixes) {
            roots.add(classpathRoot(prefix));
        }
        return roots;
    }

    public static ExpertPolicies of(SecretPolicy secrets, EgressPolicy egress, List<Path> modelDirs) {
        return of(secrets, egress, modelDirs, List.of());
    }

    /**
     * @param classpathPrefixes class-path folders, besides {@code coe-demo-experts/}, that admin-created {@code djl}
     *     experts may load models from ({@code coe.local.model-classpath-prefixes})
     */
    public static ExpertPolicies of(
            SecretPolicy secrets, EgressPolicy egress, List<Path> modelDirs, List<String> classpathPrefixes) {
        return new ExpertPolicies(secrets, egress, modelDirs, classpathPrefixes);
    }

    /** {@code prefix} as a class-path folder: no leading {@code /} or {@code classpath:}, one trailing {@code /}. */
    private static String classpathRoot(String prefix) {
        String root = prefix == null ? "" : prefix.strip();
        root = root.startsWith(CLASSPATH) ? root.substring(CLASSPATH.length()) : root;
        root = root.replaceFirst("^/+", "").replaceFirst("/+$", "");
        if (root.isEmpty() || !segmentsOk(root)) {
            throw new IllegalArgumentException("coe.local.model-classpath-prefixes must name class-path folders"
                    + " without '.' or '..' segments, but held '" + JsonBodies.echo(prefix) + "'");
        }
        return root + "/";
    }

    private static boolean segmentsOk(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
                return false;
            }
        }
        return true;
    }

    /** The defaults: see {@link SecretPolicy#defaults()} and {@link EgressPolicy#defaults()}; no model folders. */
    public static ExpertPolicies defaults() {
        return of(SecretPolicy.defaults(), EgressPolicy.defaults(), List.of());
    }

    public SecretPolicy secrets() {
        return secrets;
    }

    /** The egress policy for experts of {@code origin}. */
    public EgressPolicy egress(Origin origin) {
        return egress.forOrigin(origin);
    }

    /**
     * Checks {@code d}'s key variable, base URL and (for admin-created {@code djl} experts) model path.
     *
     * @throws InvalidExpertException naming the field that breaks a rule
     */
    public void check(ExpertProperties d, Origin origin) {
        if (d.apiKeyEnv() != null && !secrets.permits(d.apiKeyEnv())) {
            throw new InvalidExpertException("api_key_env", SECRET_REFUSED);
        }
        if (d.baseUrl() != null) {
            try {
                egress(origin).checkUrl(d.baseUrl());
            } catch (IllegalArgumentException e) {
                throw new InvalidExpertException(
                        "base_url", "base_url is refused by the egress policy (coe.egress): " + e.getMessage() + ".");
            }
        }
        if (origin == Origin.ADMIN && d.modelPath() != null && !modelPathAllowed(d.modelPath())) {
            throw new InvalidExpertException("model_path", MODEL_PATH_REFUSED);
        }
    }

    private boolean modelPathAllowed(String modelPath) {
        if (modelPath.startsWith(CLASSPATH)) {
            // Only the demo models' root and the configured prefixes: never application.yml or another resource of
            // the router's own class path.
            String resource = modelPath.substring(CLASSPATH.length()).replaceFirst("^/+", "");
            for (String root : classpathRoots) {
                if (resource.startsWith(root)) {
                    String rest = resource.substring(root.length()).replaceFirst("/+$", "");
                    return !rest.isEmpty() && segmentsOk(rest);
                }
            }
            return false;
        }
        String plain = modelPath.startsWith("file:") ? modelPath.substring("file:".length()) : modelPath;
        Path path;
        try {
            path = Path.of(plain).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return false;
        }
        for (Path dir : modelDirs) {
            Path root = dir.toAbsolutePath().normalize();
            if (!path.startsWith(root) || path.equals(root)) {
                continue;
            }
            if (!modelsHere) {
                return true;
            }
            try {
                // Links must not lead out of the folder: compare the real paths too.
                return path.toRealPath().startsWith(root.toRealPath()) && Files.isReadable(path);
            } catch (IOException | SecurityException e) {
                return false;
            }
        }
        return false;
    }
}
