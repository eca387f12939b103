package io.coerouter.router.experts.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code DELETE /admin/pool/models/{id}}: the model that was unloaded. */
public record ModelUnloaded(
        @JsonProperty("object") String object,
        @JsonProperty("id") String id,
        @JsonProperty("unloaded") boolean unloaded) {

    static ModelUnloaded of(String id) {
        return new ModelUnloaded("model_pool.unloaded", id, true);
    }
}
