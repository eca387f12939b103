package io.coerouter.expert.djl;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.TokenListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generates answers for a list of prompts by adding them to the model's running batch ({@link ContinuousBatcher}):
 * each row joins at the next decoding step, stops on its own (end of sequence, a stop sequence, its token limit) and
 * leaves; its text is streamed on the calling thread as it goes.
 */
final class BatchGenerator {

    private BatchGenerator() {}

    /** The caller holds a lease on {@code lm} for the whole call. */
    static List<ExpertOutcome> generate(
            String expertId, CausalLm lm, List<ExpertRequest> requests, List<TokenListener> listeners) {
        ModelManifest manifest = lm.manifest();
        ExpertOutcome[] outcomes = new ExpertOutcome[requests.size()];
        Inbox inbox = new Inbox(expertId);
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
            rows.add(new Row(inbox, i, prompt, request, listeners.get(i).streaming(), manifest));
        }
        if (!rows.isEmpty()) {
            lm.batcher().submit(rows);
            inbox.await(rows, listeners, outcomes);
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
}
