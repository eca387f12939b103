package io.coerouter.expert.echo;

import io.coerouter.expert.ChatMessage;
import io.coerouter.expert.Expert;
import io.coerouter.expert.ExpertConfig;
import io.coerouter.expert.ExpertListener;
import io.coerouter.expert.ExpertRequest;
import io.coerouter.expert.ExpertResponse;
import io.coerouter.expert.FinishReason;
import io.coerouter.expert.TokenListener;
import io.coerouter.expert.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers with the last user message. A "token" is a word with the whitespace before it, so max tokens and stop
 * sequences behave as they do with a real model.
 */
final class EchoExpert implements Expert {

    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+");

    private final ExpertConfig config;
    private final List<ExpertListener> listeners;

    EchoExpert(ExpertConfig config, List<ExpertListener> listeners) {
        this.config = config;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public ExpertConfig config() {
        return config;
    }

    @Override
    public List<ExpertListener> listeners() {
        return listeners;
    }

    @Override
    public ExpertResponse doChat(ExpertRequest request, TokenListener tokens) {
        List<String> pieces = tokens(request.lastUserText().strip());
        int limit = request.maxTokens() == null ? pieces.size() : Math.min(request.maxTokens(), pieces.size());
        FinishReason finish = limit < pieces.size() ? FinishReason.LENGTH : FinishReason.STOP;
        String answer = String.join("", pieces.subList(0, limit));
        int stopAt = firstStop(answer, request.stop());
        if (stopAt >= 0) {
            answer = answer.substring(0, stopAt);
            finish = FinishReason.STOP;
        }
        // Emit the answer in the same pieces the model "generated"; the last one may be cut by a stop sequence.
        int emittedChars = 0;
        int emitted = 0;
        for (String piece : pieces) {
            if (emittedChars >= answer.length()) {
                break;
            }
            String part = answer.substring(emittedChars, Math.min(answer.length(), emittedChars + piece.length()));
            tokens.onToken(part);
            emittedChars += part.length();
            emitted++;
        }
        long input = request.messages().stream()
                .map(ChatMessage::content)
                .mapToLong(c -> tokens(c).size())
                .sum();
        return ExpertResponse.of(config.id(), answer, finish, new TokenUsage(input, emitted));
    }

    private static List<String> tokens(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    private static int firstStop(String text, List<String> stops) {
        int first = -1;
        for (String stop : stops) {
            int at = text.indexOf(stop);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }
}
