package io.coerouter.router.telemetry;

import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import java.time.Duration;
import java.util.Arrays;

/** The spans the overview shows, by their API names, in one-minute steps. */
public enum Window {
    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
    ONE_HOUR("1h", Duration.ofHours(1));

    /** The length of one step (bucket). */
    public static final Duration STEP = Duration.ofMinutes(1);

    private final String apiName;
    private final Duration length;

    Window(String apiName, Duration length) {
        this.apiName = apiName;
        this.length = length;
    }

    public String apiName() {
        return apiName;
    }

    public Duration length() {
        return length;
    }

    /** How many one-minute buckets it spans. */
    public int buckets() {
        return (int) (length.toSeconds() / STEP.toSeconds());
    }

    /**
     * The window named {@code name} ({@code 15m} when null).
     *
     * @throws RouterException {@code INVALID_REQUEST} about {@code param} for any other name
     */
    public static Window parse(String name, String param) {
        if (name == null) {
            return FIFTEEN_MINUTES;
        }
        return Arrays.stream(values())
                .filter(w -> w.apiName.equals(name))
                .findFirst()
                .orElseThrow(() -> RouterException.invalid(
                        param,
                        "invalid_value",
                        param + " must be one of "
                                + Arrays.stream(values()).map(Window::apiName).toList() + ", but was '"
                                + JsonBodies.echo(name) + "'."));
    }
}
