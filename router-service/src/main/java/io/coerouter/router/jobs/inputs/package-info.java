/**
 * What a background job's request names, read and checked before the job starts: the evaluation set (inline or from
 * {@code coe.profiles.eval-dir}), the experts, the judge and the grader. Used by the profiling, evaluation and
 * aggregator-selection endpoints.
 */
package io.coerouter.router.jobs.inputs;
