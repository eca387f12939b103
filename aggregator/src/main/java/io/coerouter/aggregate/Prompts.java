package io.coerouter.aggregate;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.ExpertRequest;
import java.util.List;

/** The prompts of the LLM aggregators (Mixture-of-Agents style, as the Symbolic-MoE reference does it). */
final class Prompts {

    private Prompts() {}

    static String responses(List<Candidate> answered) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < answered.size(); i++) {
            out.append("### Model ")
                    .append(i + 1)
                    .append("'s response:\n")
                    .append(stripThinking(answered.get(i).response().text()).strip())
                    .append("\n\n");
        }
        return out.toString();
    }

    /** Reasoning blocks are left out, as the reference implementation does. */
    static String stripThinking(String text) {
        return text.replaceAll("(?s)<think>.*?</think>", "");
    }

    static ExpertRequest synthesis(ExpertRequest request, List<Candidate> answered) {
        return ExpertRequest.builder()
                .addMessage(ChatMessage.system("You have been given responses from several models to the user's"
                        + " latest query. Synthesise them into a single, high-quality answer. Evaluate them"
                        + " critically: some of them may be biased or wrong. Do not simply copy one; give an accurate,"
                        + " well-structured answer in the form the query asks for, and nothing else."))
                .addMessage(ChatMessage.user(responses(answered) + "### Query:\n" + request.lastUserText()))
                .temperature(request.temperature())
                .maxTokens(request.maxTokens())
                .build();
    }

    static ExpertRequest judge(ExpertRequest request, List<Candidate> answered) {
        return ExpertRequest.builder()
                .addMessage(ChatMessage.system("You judge answers. Below are numbered responses to a query. Reply"
                        + " with the number of the best (most accurate) response and nothing else."))
                .addMessage(ChatMessage.user(responses(answered) + "### Query:\n" + request.lastUserText()))
                .temperature(0.0)
                .maxTokens(8)
                .build();
    }
}
