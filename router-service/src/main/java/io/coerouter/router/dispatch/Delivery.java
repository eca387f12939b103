package io.coerouter.router.dispatch;

import java.util.Objects;

/**
 * A work item handed to a worker: the stream entry's id (what {@link ExpertWorkQueue#ack} takes) and the item.
 *
 * @param id the stream entry id
 * @param item the work
 */
public record Delivery(String id, WorkItem item) {

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(item, "item");
    }
}
