package io.coerouter.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** docs/kubernetes.md's values reference is in step with values.schema.json, and the schema with values.yaml. */
class ValuesReferenceTest {

    @Test
    void theValuesReferenceDocumentsExactlyTheSchemasKeys() throws Exception {
        Set<String> schemaKeys = new LinkedHashSet<>();
        keys(Chart.YAML.readTree(Chart.dir().resolve("values.schema.json").toFile()), "", schemaKeys);
        assertThat(schemaKeys).contains("router.replicas", "config.experts[].apiKeyEnv", "auth.existingSecret");

        String doc = Files.readString(Metrics.docs().resolve("kubernetes.md"));
        String table = doc.substring(
                doc.indexOf("<!-- values-reference:start -->"), doc.indexOf("<!-- values-reference:end -->"));
        Set<String> documented = new LinkedHashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(table);
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertThat(documented)
                .as("keys in docs/kubernetes.md's values reference")
                .isEqualTo(schemaKeys);
    }

    @Test
    void everyDefaultValueIsASchemaKey() throws Exception {
        // values.yaml holds no key the schema would refuse (the schema would refuse the defaults themselves).
        Set<String> schemaKeys = new LinkedHashSet<>();
        keys(Chart.YAML.readTree(Chart.dir().resolve("values.schema.json").toFile()), "", schemaKeys);
        List<String> defaults = new ArrayList<>();
        leaves(Chart.YAML.readTree(Chart.dir().resolve("values.yaml").toFile()), "", defaults);
        for (String key : defaults) {
            assertThat(schemaKeys.stream()
                            .anyMatch(k -> k.equals(key) || key.startsWith(k + ".") || k.startsWith(key + ".")))
                    .as(key)
                    .isTrue();
        }
        assertThat(defaults).contains("router.replicas", "worker.enabled");
    }

    /** Leaf keys as the reference names them: objects descended, arrays of objects as {@code key[].field}. */
    private static void keys(JsonNode schema, String path, Set<String> out) {
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            for (Map.Entry<String, JsonNode> p : properties.properties()) {
                keys(p.getValue(), path.isEmpty() ? p.getKey() : path + "." + p.getKey(), out);
            }
            return;
        }
        JsonNode items = schema.get("items");
        if (items != null && items.has("properties")) {
            out.add(path);
            keys(items, path + "[]", out);
            return;
        }
        out.add(path);
    }

    private static void leaves(JsonNode values, String path, List<String> out) {
        if (values.isObject() && !values.isEmpty()) {
            for (Map.Entry<String, JsonNode> p : values.properties()) {
                leaves(p.getValue(), path.isEmpty() ? p.getKey() : path + "." + p.getKey(), out);
            }
        } else {
            out.add(path);
        }
    }
}
