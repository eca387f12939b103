package io.coerouter.router.jobs;

import java.util.Map;

/** A long-running task (profiling, evaluation or aggregator selection) that can be read and cancelled. */
public interface Job {

    /** The job's id. */
    String id();

    /** The job's state and progress as JSON-ready values. */
    Map<String, Object> view();

    /** Asks the job to stop. */
    void cancel();
}
