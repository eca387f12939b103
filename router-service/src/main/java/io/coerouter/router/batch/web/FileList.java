package io.coerouter.router.batch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A page of files, as OpenAI lists them. */
public record FileList(
        String object,
        List<FileObject> data,
        @JsonProperty("first_id") String firstId,
        @JsonProperty("last_id") String lastId,
        @JsonProperty("has_more") boolean hasMore) {

    /** All of {@code files}, in their order, on one page. */
    static FileList of(List<FileObject> files) {
        return new FileList(
                "list",
                files,
                files.isEmpty() ? null : files.getFirst().id(),
                files.isEmpty() ? null : files.getLast().id(),
                false);
    }
}
