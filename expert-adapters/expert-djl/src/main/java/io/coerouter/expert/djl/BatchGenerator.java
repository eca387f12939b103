package io.coerouter.expert.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Generates answers for a batch of prompts in shared forward passes: prompts are left-padded into one prefill, then
 * every step decodes one token per row with the KV cache; each row stops on its own (end of sequence, a stop
 * sequence, its token limit) and streams its text as it goes.
 */
final class BatchGenerator {

    private BatchGenerator() {}

    static List<ExpertOutcome> generate(
            String expertId, CausalLm lm, List<ExpertRequest> requests, List<TokenListener> listeners) {
        ModelManifest manifest = lm.manifest();
        ExpertOutcome[] outcomes = new ExpertOutcome[requests.size()];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            ExpertRequest request = requests.get(i);
            long[] prompt = lm.encode(manifest.prompt(system(request), request.lastUserText()));
            if (prompt.length >= manifest.maxContext()) {
                outcomes[i] = ExpertOutcome.of(ExpertException.of(
                        expertId,
                        ExpertErrorKind.CONTEXT_LENGTH,
                        "the prompt has " + prompt.length + " tokens but the model's context is "
                                + manifest.maxContext(),
                        null));
                continue;
            }
            rows.add(new Row(i, prompt, request, listeners.get(i), manifest));
        }
        if (!rows.isEmpty()) {
            lm.generating.lock();
            try {
                run(lm, rows);
            } finally {
                lm.generating.unlock();
            }
        }
        for (Row row : rows) {
            outcomes[row.index] = ExpertOutcome.of(ExpertResponse.of(
                    expertId, row.text, row.finish, new TokenUsage(row.prompt.length, row.generated.size())));
        }
        return Arrays.asList(outcomes);
    }

    private static String system(ExpertRequest request) {
        StringBuilder system = new StringBuilder();
        for (ChatMessage message : request.messages()) {
            if (message.role() == ChatMessage.Role.SYSTEM) {
                system.append(system.isEmpty() ? "" : "\n").append(message.content());
            }
        }
        return system.toString();
    }

    private static void run(CausalLm lm, List<Row> rows) {
        int batch = rows.size();
        int width = rows.stream().mapToInt(r -> r.prompt.length).max().orElseThrow();
        long[][] ids = new long[batch][width];
        long[][] positions = new long[batch][width];
        long[][] mask = new long[batch][width];
        long[] nextPosition = new long[batch];
        long pad = lm.manifest().padId();
        for (int b = 0; b < batch; b++) {
            long[] prompt = rows.get(b).prompt;
            int offset = width - prompt.length;
            Arrays.fill(ids[b], 0, offset, pad);
            for (int t = 0; t < prompt.length; t++) {
                ids[b][offset + t] = prompt[t];
                positions[b][offset + t] = t;
                mask[b][offset + t] = 1;
            }
            nextPosition[b] = prompt.length;
        }
        try (NDManager manager = lm.newManager()) {
            NDArray keys = lm.emptyPast(manager, batch);
            NDArray values = lm.emptyPast(manager, batch);
            long[][] stepIds = ids;
            long[][] stepPositions = positions;
            while (true) {
                NDList out = lm.forward(manager, stepIds, stepPositions, mask, keys, values);
                keys.close();
                values.close();
                float[] logits = out.get(0).toFloatArray();
                out.get(0).close();
                keys = out.get(1);
                values = out.get(2);
                int stride = logits.length / batch;
                boolean allDone = true;
                long[] next = new long[batch];
                for (int b = 0; b < batch; b++) {
                    Row row = rows.get(b);
                    if (row.done) {
                        next[b] = pad;
                        continue;
                    }
                    long token = row.sample(
                            logits, b * stride, Math.min(stride, lm.manifest().vocabSize()));
                    row.accept(token, lm);
                    next[b] = token;
                    allDone &= row.done;
                }
                if (allDone) {
                    break;
                }
                stepIds = new long[batch][1];
                stepPositions = new long[batch][1];
                for (int b = 0; b < batch; b++) {
                    stepIds[b][0] = next[b];
                    stepPositions[b][0] = nextPosition[b]++;
                }
                mask = grow(mask);
            }
            keys.close();
            values.close();
        }
    }

    private static long[][] grow(long[][] mask) {
        long[][] grown = new long[mask.length][];
        for (int b = 0; b < mask.length; b++) {
            grown[b] = Arrays.copyOf(mask[b], mask[b].length + 1);
            grown[b][mask[b].length] = 1;
        }
        return grown;
    }

    /** One prompt's generation state. */
    private static final class Row {
        final int index;
        final long[] prompt;
        final int maxNew;
        final Double temperature;
        final Double topP;
        final Random random;
        final List<String> stops;
        final int holdBack;
        final TokenListener listener;
        final long eos;
        final List<Long> generated = new ArrayList<>();
        String text = "";
        int emitted;
        boolean done;
        FinishReason finish = FinishReason.STOP;

        Row(int index, long[] prompt, ExpertRequest request, TokenListener listener, ModelManifest manifest) {
            this.index = index;
            this.prompt = prompt;
            int room = manifest.maxContext() - prompt.length;
            this.maxNew = request.maxTokens() == null ? room : Math.min(request.maxTokens(), room);
            this.temperature = request.temperature();
            this.topP = request.topP();
            this.random = request.seed() == null ? new Random() : new Random(request.seed());
            List<String> all = new ArrayList<>(manifest.stop());
            all.addAll(request.stop());
            this.stops = List.copyOf(all);
            this.holdBack = stops.stream().mapToInt(String::length).max().orElse(1) - 1;
            this.listener = listener;
            this.eos = manifest.eosId();
        }

        long sample(float[] logits, int offset, int vocab) {
            if (temperature == null || temperature == 0) {
                int best = 0;
                for (int v = 1; v < vocab; v++) {
                    if (logits[offset + v] > logits[offset + best]) {
                        best = v;
                    }
                }
                return best;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                max = Math.max(max, logits[offset + v]);
            }
            double[] p = new double[vocab];
            double sum = 0;
            for (int v = 0; v < vocab; v++) {
                p[v] = Math.exp((logits[offset + v] - max) / temperature);
                sum += p[v];
            }
            Integer[] order = new Integer[vocab];
            for (int v = 0; v < vocab; v++) {
                order[v] = v;
                p[v] /= sum;
            }
            double mass = topP == null ? 1.0 : topP;
            Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
            double kept = 0;
            int cut = 0;
            while (cut < vocab && (kept < mass || cut == 0)) {
                kept += p[order[cut++]];
            }
            double draw = random.nextDouble() * kept;
            for (int i = 0; i < cut; i++) {
                draw -= p[order[i]];
                if (draw <= 0) {
                    return order[i];
                }
            }
            return order[cut - 1];
        }

        void accept(long token, CausalLm lm) {
            if (token == eos) {
                finishWith(FinishReason.STOP);
                return;
            }
            generated.add(token);
            String decoded =
                    lm.decode(generated.stream().mapToLong(Long::longValue).toArray());
            int stopAt = -1;
            for (String stop : stops) {
                int at = decoded.indexOf(stop);
                if (at >= 0 && (stopAt < 0 || at < stopAt)) {
                    stopAt = at;
                }
            }
            if (stopAt >= 0) {
                text = decoded.substring(0, stopAt);
                finishWith(FinishReason.STOP);
                return;
            }
            text = decoded;
            if (generated.size() >= maxNew) {
                finishWith(FinishReason.LENGTH);
                return;
            }
            // Hold back what could be the start of a stop sequence, and a half-decoded character.
            int safe = text.length() - holdBack;
            if (safe > 0 && text.charAt(safe - 1) == '\uFFFD') {
                safe--;
            }
            emitUpTo(safe);
        }

        private void finishWith(FinishReason reason) {
            finish = reason;
            done = true;
            emitUpTo(text.length());
        }

        private void emitUpTo(int end) {
            if (end > emitted && listener.streaming()) {
                listener.onToken(text.substring(emitted, end));
            }
            emitted = Math.max(emitted, end);
        }
    }
}
