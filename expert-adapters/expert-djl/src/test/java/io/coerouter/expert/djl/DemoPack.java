package io.coerouter.expert.djl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.LocalModels;
import io.coerouter.expert.ModelPool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The demo expert pack on the test class path, and the greedy outputs its training script recorded. */
final class DemoPack {

    static final List<String> MODELS = List.of(
            "arithmetic-expert", "units-expert", "strings-expert", "calendar-expert", "capitals-expert", "generalist");

    /** One recorded greedy generation. */
    record Golden(String model, String question, String output, String finish) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoPack() {}

    /**
     * Whether the whole pack (every model and the recorded outputs) is on the class path. The pack's models are
     * trained by tools/demo-experts/train.py; the tests that need them run once it is complete.
     */
    static boolean complete() {
        ClassLoader loader = DemoPack.class.getClassLoader();
        return loader.getResource("coe-demo-experts/golden.jsonl") != null
                && MODELS.stream()
                        .allMatch(m -> loader.getResource("coe-demo-experts/" + m + "/model.pt") != null
                                && loader.getResource("coe-demo-experts/" + m + "/manifest.json") != null);
    }

    static List<Golden> golden() {
        List<Golden> golden = new ArrayList<>();
        try (InputStream in = DemoPack.class.getClassLoader().getResourceAsStream("coe-demo-experts/golden.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                golden.add(new Golden(
                        node.path("model").asText(),
                        node.path("question").asText(),
                        node.path("output").asText(),
                        node.path("finish").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return golden;
    }

    static LocalModels local(ModelPool pool) {
        return new LocalModels(pool, Path.of("target", "coe-cache"), "cpu");
    }

    static Expert expert(String model, ModelPool pool) {
        return expert(model, ExpertContext.defaults().withLocalModels(local(pool)));
    }

    static Expert expert(String model, ExpertContext context) {
        return Expert.of(
                ExpertConfig.builder(model, "djl")
                        .modelPath("classpath:coe-demo-experts/" + model)
                        .pricing("0.0001", "0.0002")
                        .build(),
                context);
    }
}
