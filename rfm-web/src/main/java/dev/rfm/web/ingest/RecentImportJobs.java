package dev.rfm.web.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's import jobs, kept only while a page may still show them: a finished job is dropped an hour after it was
 * first seen finished, and at most {@link #MAX_JOBS} jobs are kept (the longest-finished go first). Without this every
 * upload's summary, with up to 1,000 rejected rows, stayed in memory until the server stopped.
 */
final class RecentImportJobs {

    static final Duration KEEP_FINISHED = Duration.ofHours(1);
    static final int MAX_JOBS = 200;

    private record Entry(ImportJob job, Instant added, Instant finishedSeen) {}

    private final Map<String, Entry> jobs = new ConcurrentHashMap<>();
    private final Clock clock;

    RecentImportJobs(Clock clock) {
        this.clock = clock;
    }

    synchronized void add(ImportJob job) {
        evict();
        jobs.put(job.getId(), new Entry(job, clock.instant(), null));
        while (jobs.size() > MAX_JOBS && dropOldestFinished()) {
            // running jobs stay: their threads report to them and their pages poll them
        }
    }

    synchronized Optional<ImportJob> find(String id) {
        evict();
        return Optional.ofNullable(id).map(jobs::get).map(Entry::job);
    }

    synchronized void remove(String id) {
        jobs.remove(id);
    }

    synchronized int size() {
        return jobs.size();
    }

    private void evict() {
        Instant now = clock.instant();
        jobs.replaceAll(
                (id, e) -> e.finishedSeen() == null && e.job().isFinished() ? new Entry(e.job(), e.added(), now) : e);
        jobs.values()
                .removeIf(e -> e.finishedSeen() != null
                        && !e.finishedSeen().plus(KEEP_FINISHED).isAfter(now));
    }

    private boolean dropOldestFinished() {
        return jobs.values().stream()
                .filter(e -> e.finishedSeen() != null || e.job().isFinished())
                .min(Comparator.comparing(Entry::added))
                .map(e -> jobs.remove(e.job().getId()) != null)
                .orElse(false);
    }
}
