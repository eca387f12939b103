package io.coerouter.router.feedback.web;

/** {@code DELETE /admin/feedback}: all feedback forgotten ({@code object} is {@code coe.feedback.overlay}). */
public record FeedbackCleared(String object, boolean cleared) {

    static FeedbackCleared done() {
        return new FeedbackCleared("coe.feedback.overlay", true);
    }
}
