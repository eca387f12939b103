package io.coerouter.router.jobs;

import java.util.Locale;

/** Where a job is: running, or ended one of three ways. */
public enum JobState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    /** As views show it: the name in lower case. */
    public String shown() {
        return name().toLowerCase(Locale.ROOT);
    }
}
