package io.coerouter.router.admin;

import java.util.Map;

/** A long-running admin task (profiling or evaluation) that can be read and cancelled. */
interface AdminJob {

    /** The job's id. */
    String id();

    /** The job's state and progress as JSON-ready values. */
    Map<String, Object> view();

    /** Asks the job to stop. */
    void cancel();
}
