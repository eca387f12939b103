package io.coerouter.expert;

/** Why an expert stopped generating, in OpenAI's vocabulary. */
public enum FinishReason {
    /** A natural end or a stop sequence. */
    STOP("stop"),
    /** The token limit was reached. */
    LENGTH("length"),
    /** The provider filtered the content. */
    CONTENT_FILTER("content_filter");

    private final String openAiName;

    FinishReason(String openAiName) {
        this.openAiName = openAiName;
    }

    /** The value of OpenAI's {@code finish_reason} field. */
    public String openAiName() {
        return openAiName;
    }
}
