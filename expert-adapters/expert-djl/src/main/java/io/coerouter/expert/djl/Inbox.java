package io.coerouter.expert.djl;

import io.coerouter.expert.ExpertErrorKind;
import io.coerouter.expert.ExpertException;
import io.coerouter.expert.ExpertOutcome;
import io.coerouter.expert.TokenListener;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Where the batcher's loop leaves one call's streamed text and outcomes, read on the caller's own thread: the loop never
 * runs a caller's listener, so a slow listener delays only its own call (its text queues here, at most an answer's
 * worth) and never the other rows.
 */
final class Inbox {

    private record Event(int index, String text, ExpertOutcome outcome) {}

    private final String expertId;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

    Inbox(String expertId) {
        this.expertId = expertId;
    }

    String expertId() {
        return expertId;
    }

    void token(int index, String text) {
        events.add(new Event(index, text, null));
    }

    void finish(int index, ExpertOutcome outcome) {
        events.add(new Event(index, null, outcome));
    }

    /**
     * Waits for every row's outcome, streaming each row's text to its listener on this thread, and fills {@code
     * outcomes}. If the wait is interrupted or a listener throws, every unfinished row is cancelled and this returns
     * once they have left the running batch (its next step).
     *
     * @throws ExpertException {@code CANCELLED} when interrupted (the interrupt flag stays set)
     */
    void await(List<Row> rows, List<TokenListener> listeners, ExpertOutcome[] outcomes) {
        int remaining = rows.size();
        boolean finished = false;
        boolean interrupted = false;
        try {
            while (remaining > 0) {
                Event event = events.take();
                if (event.outcome() != null) {
                    outcomes[event.index()] = event.outcome();
                    remaining--;
                } else {
                    listeners.get(event.index()).onToken(event.text());
                }
            }
            finished = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExpertException.of(expertId, ExpertErrorKind.CANCELLED, "interrupted while generating", e);
        } finally {
            if (!finished) {
                rows.forEach(Row::cancel);
                // The caller's lease on the model must outlive its rows in the running batch: wait (at most one step)
                // until the loop has let go of every one of them.
                while (remaining > 0) {
                    try {
                        if (events.take().outcome() != null) {
                            remaining--;
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
