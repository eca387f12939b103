package io.coerouter.router.admin;

import io.coerouter.router.error.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;

/** The admin jobs of this process, the newest 100 kept. */
final class AdminJobs {

    private static final int KEEP = 100;
    private final AtomicLong next = new AtomicLong(1);
    private final Map<String, AdminJob> jobs = new LinkedHashMap<>();

    String nextId(String prefix) {
        return prefix + "-" + next.getAndIncrement();
    }

    synchronized void add(AdminJob job) {
        jobs.put(job.id(), job);
        while (jobs.size() > KEEP) {
            jobs.remove(jobs.keySet().iterator().next());
        }
    }

    synchronized AdminJob get(String id, String prefix) {
        AdminJob job = jobs.get(id);
        if (job == null || !id.startsWith(prefix + "-")) {
            throw new ApiException(
                    HttpStatus.NOT_FOUND, ApiException.INVALID_REQUEST, "No job '" + id + "'.", "id", "not_found");
        }
        return job;
    }
}
