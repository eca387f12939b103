package io.coerouter.expert.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertContext;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.ModelPool;
import io.coerouter.expert.NonRetriableExpertException;
import io.coerouter.expert.PoolConfig;
import io.coerouter.expert.Tier;
import io.coerouter.expert.TokenListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** The real demo models through the {@code djl} adapter: exact greedy outputs, batching, streaming, errors, the pool. */
@EnabledIf(value = "io.coerouter.expert.djl.DemoPack#complete", disabledReason = "the demo expert pack is not complete")
class DjlExpertIT {

    private static final ModelPool POOL = ModelPool.create(PoolConfig.of(256L << 20, 256L << 20));

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    private static ExpertRequest greedy(String question) {
        return ExpertRequest.builder()
                .addMessage(ChatMessage.user(question))
                .temperature(0.0)
                .maxTokens(24)
                .build();
    }

    @Test
    void everyDemoModelReproducesTheGreedyOutputsItsTrainingScriptRecorded() {
        Map<String, List<DemoPack.Golden>> byModel =
                DemoPack.golden().stream().collect(Collectors.groupingBy(DemoPack.Golden::model));
        assertThat(byModel.keySet()).containsExactlyInAnyOrderElementsOf(DemoPack.MODELS);
        for (var model : byModel.entrySet()) {
            Expert expert = DemoPack.expert(model.getKey(), POOL);
            for (DemoPack.Golden golden : model.getValue()) {
                ExpertResponse response = expert.chat(greedy(golden.question()));
                assertThat(response.text())
                        .as("%s on %s", golden.model(), golden.question())
                        .isEqualTo(golden.output());
                assertThat(response.finishReason().openAiName()).isEqualTo(golden.finish());
            }
        }
    }

    @Test
    void aBatchGivesEachPromptExactlyItsOneByOneOutput() {
        for (String model : DemoPack.MODELS) {
            Expert expert = DemoPack.expert(model, POOL);
            List<DemoPack.Golden> golden = DemoPack.golden().stream()
                    .filter(g -> g.model().equals(model))
                    .toList();
            List<ExpertRequest> requests =
                    golden.stream().map(g -> greedy(g.question())).toList();

            List<ExpertOutcome> outcomes =
                    expert.chatBatch(requests, Collections.nCopies(requests.size(), TokenListener.NONE));

            for (int i = 0; i < golden.size(); i++) {
                assertThat(outcomes.get(i).orThrow().text())
                        .as("%s, row %d of %d", model, i, golden.size())
                        .isEqualTo(expert.chat(requests.get(i)).text())
                        .isEqualTo(golden.get(i).output());
            }
        }
    }

    @Test
    void aStopSequenceCutsTheAnswerAndIsNeverStreamed() {
        DemoPack.Golden golden = DemoPack.golden().stream()
                .filter(g -> g.model().equals("strings-expert") && g.output().length() >= 5)
                .findFirst()
                .orElseThrow();
        String stop = golden.output().substring(2, 4);
        StringBuilder streamed = new StringBuilder();
        ExpertRequest request = ExpertRequest.builder()
                .addMessage(ChatMessage.user(golden.question()))
                .temperature(0.0)
                .stop(List.of(stop))
                .build();

        ExpertResponse response = DemoPack.expert("strings-expert", POOL).chat(request, streamed::append);

        assertThat(response.text()).isEqualTo(golden.output().substring(0, 2));
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(streamed.toString()).isEqualTo(response.text());
    }

    @Test
    void samplingWithASeedIsRepeatable() {
        Expert expert = DemoPack.expert("generalist", POOL);
        ExpertRequest request = ExpertRequest.builder()
                .addMessage(ChatMessage.user("What is the capital of France?"))
                .temperature(1.2)
                .topP(0.95)
                .seed(7L)
                .maxTokens(12)
                .build();

        assertThat(expert.chat(request).text()).isEqualTo(expert.chat(request).text());
    }

    @Test
    void aPromptLongerThanTheContextIsANonRetriableContextLengthError() {
        Expert expert = DemoPack.expert("generalist", POOL);
        ExpertRequest tooLong = ExpertRequest.of("x".repeat(400));

        assertThatThrownBy(() -> expert.chat(tooLong))
                .isInstanceOf(NonRetriableExpertException.class)
                .hasMessageContaining("expert 'generalist' context window exceeded")
                .satisfies(e -> assertThat(((ExpertException) e).kind()).isEqualTo(ExpertErrorKind.CONTEXT_LENGTH));

        List<ExpertOutcome> outcomes = expert.chatBatch(
                List.of(tooLong, greedy("What is the capital of France?")),
                List.of(TokenListener.NONE, TokenListener.NONE));
        assertThat(outcomes.get(0).succeeded()).isFalse();
        assertThat(outcomes.get(1).succeeded())
                .as("one bad prompt does not fail the batch")
                .isTrue();
    }

    @Test
    void aMissingOrBrokenModelIsANonRetriableMisconfiguration(@TempDir Path dir) throws IOException {
        Expert missing = Expert.of(
                ExpertConfig.builder("ghost", "djl")
                        .modelPath(dir.resolve("nope").toString())
                        .build(),
                ExpertContext.defaults().withLocalModels(DemoPack.local(POOL)));
        assertThatThrownBy(() -> missing.chat(ExpertRequest.of("hi")))
                .isInstanceOf(NonRetriableExpertException.class)
                .hasMessageContaining("expert 'ghost' misconfigured")
                // The host path is the operator's to read (the log, the cause), not the caller's.
                .hasMessageNotContaining("nope")
                .satisfies(e -> assertThat(e.getCause().getMessage()).contains("nope"));

        Path broken = copyDemoModel("generalist", dir.resolve("broken"));
        Files.write(broken.resolve("model.pt"), "not a torchscript file".getBytes());
        Expert corrupt = Expert.of(
                ExpertConfig.builder("corrupt", "djl")
                        .modelPath(broken.toString())
                        .build(),
                ExpertContext.defaults().withLocalModels(DemoPack.local(POOL)));
        assertThatThrownBy(() -> corrupt.chat(ExpertRequest.of("hi")))
                .isInstanceOf(NonRetriableExpertException.class)
                .hasMessageContaining("expert 'corrupt' misconfigured: the expert is not configured correctly")
                .satisfies(e -> assertThat(e.getCause().getMessage()).contains("failed to load"));
        assertThat(POOL.snapshot().model("corrupt").tier()).isNotEqualTo(Tier.DEVICE);
    }

    @Test
    void loadsAModelFromAZipArchive(@TempDir Path dir) throws IOException {
        Path folder = copyDemoModel("capitals-expert", dir.resolve("capitals"));
        Path zip = dir.resolve("capitals.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String file : List.of("manifest.json", "model.pt", "tokenizer.json")) {
                out.putNextEntry(new ZipEntry("capitals/" + file));
                Files.copy(folder.resolve(file), out);
                out.closeEntry();
            }
        }
        DemoPack.Golden golden = DemoPack.golden().stream()
                .filter(g -> g.model().equals("capitals-expert"))
                .findFirst()
                .orElseThrow();
        Expert zipped = Expert.of(
                ExpertConfig.builder("zipped-capitals", "djl")
                        .modelPath(zip.toString())
                        .build(),
                ExpertContext.defaults().withLocalModels(DemoPack.local(POOL)));

        assertThat(zipped.chat(greedy(golden.question())).text()).isEqualTo(golden.output());
    }

    @Test
    void underATightBudgetModelsTakeTurnsAndReloadsComeFromTheHostTier() throws IOException {
        long largest = 0;
        for (String model : List.of("arithmetic-expert", "calendar-expert")) {
            try (InputStream in = getClass().getResourceAsStream("/coe-demo-experts/" + model + "/model.pt")) {
                largest = Math.max(largest, in.readAllBytes().length);
            }
        }
        try (ModelPool tight = ModelPool.create(PoolConfig.of(largest + 1, 64L << 20))) {
            Expert arithmetic = DemoPack.expert("arithmetic-expert", tight);
            Expert calendar = DemoPack.expert("calendar-expert", tight);
            List<String> answers = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                answers.add(arithmetic.chat(greedy("What is 2 + 3?")).text());
                answers.add(
                        calendar.chat(greedy("Which month comes after March?")).text());
            }

            var snapshot = tight.snapshot();
            assertThat(snapshot.deviceUsedBytes()).isLessThanOrEqualTo(largest + 1);
            assertThat(snapshot.model("arithmetic-expert").evictions()).isEqualTo(2);
            assertThat(snapshot.model("arithmetic-expert").loadsFromDisk()).isEqualTo(1);
            assertThat(snapshot.model("arithmetic-expert").loadsFromHost()).isEqualTo(1);
            assertThat(snapshot.model("calendar-expert").loadsFromHost()).isEqualTo(1);
            assertThat(answers.get(0)).isEqualTo(answers.get(2));
            assertThat(answers.get(1)).isEqualTo(answers.get(3));
        }
    }

    private static Path copyDemoModel(String model, Path target) throws IOException {
        Files.createDirectories(target);
        for (String file : List.of("manifest.json", "model.pt", "tokenizer.json")) {
            try (InputStream in = DjlExpertIT.class.getResourceAsStream("/coe-demo-experts/" + model + "/" + file)) {
                Files.copy(in, target.resolve(file));
            }
        }
        return target;
    }
}
