package io.coerouter.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The chart under test: rendering with values, linting, and parsing what it renders as Kubernetes objects. */
final class Chart {

    static final String RELEASE = "coe";
    static final String NAMESPACE = "llm";
    static final String FULLNAME = "coe-coe-router";
    static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private Chart() {}

    static Path dir() {
        return Path.of(System.getProperty("coe.chart.dir", "coe-router")).toAbsolutePath();
    }

    static Path example(String name) {
        return dir().resolve("examples").resolve(name);
    }

    /** {@code helm template} with the chart's defaults, then each values file or YAML text in order. */
    static String render(Object... values) {
        TemplateCommand template = new Helm(dir())
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion("1.31.0");
        for (Path file : valuesFiles(values)) {
            template = template.withValuesFile(file);
        }
        return template.call();
    }

    /** The message of a render that must fail; fails the test if it renders. */
    static String renderError(Object... values) {
        try {
            String out = render(values);
            throw new AssertionError("expected the render to be refused, but it rendered:\n" + out);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /**
     * {@code helm lint --strict} with the defaults overlaid by {@code valuesFile} (helm-java's lint takes no values
     * file, so the chart is copied and the merged values written as its values.yaml).
     */
    static LintResult lint(Path valuesFile) throws IOException {
        Path copy = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "chart-");
        try {
            Path chart = copy.resolve("coe-router");
            copyTree(dir(), chart);
            if (valuesFile != null) {
                JsonNode merged =
                        merge(YAML.readTree(dir().resolve("values.yaml").toFile()), YAML.readTree(valuesFile.toFile()));
                Files.writeString(chart.resolve("values.yaml"), YAML.writeValueAsString(merged));
            }
            return new Helm(chart).lint().strict().call();
        } finally {
            deleteTree(copy);
        }
    }

    /** Every object of a render, parsed as its Kubernetes type. */
    static List<HasMetadata> parse(String manifest) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : manifest.split("(?m)^---\\s*$")) {
            if (doc.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            KubernetesResource parsed = KUBERNETES.unmarshal(doc);
            if (!(parsed instanceof HasMetadata object)) {
                throw new AssertionError("not a Kubernetes object: " + doc);
            }
            objects.add(object);
        }
        return objects;
    }

    /** The one object of this type and name suffix; fails when absent. */
    static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = all(objects, type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The one object of this type and name; fails when absent. */
    static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        List<T> found = all(objects, type).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * Paths of fields the Kubernetes types do not know (fabric8 keeps them in {@code additionalProperties}), walking
     * every nested model object, list and map.
     */
    static List<String> unknownFields(Object object) {
        List<String> unknown = new ArrayList<>();
        walk(
                object,
                object.getClass().getSimpleName(),
                unknown,
                java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || Modifier.isStatic(m.getModifiers())
                    || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = m.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            String field = path + "." + Character.toLowerCase(m.getName().charAt(3))
                    + m.getName().substring(4);
            if (m.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
                continue;
            }
            walk(child, field, unknown, seen);
        }
    }

    static JsonNode merge(JsonNode base, JsonNode overlay) {
        if (!(base instanceof ObjectNode b) || !(overlay instanceof ObjectNode o)) {
            return overlay;
        }
        ObjectNode result = b.deepCopy();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            JsonNode existing = result.get(e.getKey());
            result.set(
                    e.getKey(),
                    existing == null || e.getValue().isNull() ? e.getValue() : merge(existing, e.getValue()));
        }
        return result;
    }

    private static List<Path> valuesFiles(Object... values) {
        List<Path> files = new ArrayList<>();
        try {
            for (Object v : values) {
                if (v instanceof Path p) {
                    files.add(p);
                } else {
                    Path f = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "values-", ".yaml");
                    f.toFile().deleteOnExit();
                    Files.writeString(f, v.toString());
                    files.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The rendered files of the ConfigMap, by name. */
    static Map<String, String> configFiles(List<HasMetadata> objects) {
        return new LinkedHashMap<>(objects.stream()
                .filter(o -> o instanceof io.fabric8.kubernetes.api.model.ConfigMap
                        && o.getMetadata().getName().equals(FULLNAME))
                .map(io.fabric8.kubernetes.api.model.ConfigMap.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + FULLNAME))
                .getData());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Moves a folder's content into {@code to}, as a Dockerfile COPY of several layers into one folder merges them. */
    static void moveTreeMerging(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.move(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
