package io.coerouter.router.batch.web;

/** The answer to a file's deletion, as OpenAI gives it. */
public record FileDeleted(String id, String object, boolean deleted) {

    static FileDeleted of(String id) {
        return new FileDeleted(id, "file", true);
    }
}
