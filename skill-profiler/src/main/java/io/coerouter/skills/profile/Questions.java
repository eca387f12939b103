package io.coerouter.skills.profile;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.TokenListener;
import java.util.Collections;
import java.util.List;

/** Asks an expert a batch of evaluation questions the way profiling and evaluation do: greedy, one batch call. */
public final class Questions {

    private Questions() {}

    /** One outcome per item, in order. */
    public static List<ExpertOutcome> ask(Expert expert, List<EvalItem> items, int maxTokens) {
        List<ExpertRequest> requests = items.stream()
                .map(i -> ExpertRequest.builder()
                        .addMessage(ChatMessage.user(i.question()))
                        .temperature(0.0)
                        .maxTokens(maxTokens)
                        .build())
                .toList();
        return expert.chatBatch(requests, Collections.nCopies(requests.size(), TokenListener.NONE));
    }
}
