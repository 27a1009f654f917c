package dev.rfm.web.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.ingest.ImportPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RecentImportJobsTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final RecentImportJobs jobs = new RecentImportJobs(clock);

    private static ImportJob job(String id) {
        return new ImportJob(id, id + ".csv");
    }

    private static ImportJob finished(String id) {
        ImportJob job = job(id);
        job.failed("EMPTY_FILE", "The file is empty");
        return job;
    }

    @Test
    void aFinishedJobIsDroppedAnHourAfterItWasSeenFinished() {
        ImportJob job = job("a");
        jobs.add(job);
        clock.now = clock.now.plus(Duration.ofHours(5));
        assertThat(jobs.find("a")).as("running: kept however long it takes").containsSame(job);

        job.update(ImportPhase.DONE, 0, 0, 0);
        assertThat(jobs.find("a")).as("just finished").containsSame(job);
        clock.now = clock.now.plus(Duration.ofMinutes(59));
        assertThat(jobs.find("a")).isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(jobs.find("a")).isEmpty();
        assertThat(jobs.size()).isZero();
    }

    @Test
    void atMostMaxJobsAreKeptTheOldestFinishedGoFirstRunningOnesStay() {
        ImportJob running = job("running");
        jobs.add(running);
        for (int i = 0; i < RecentImportJobs.MAX_JOBS + 50; i++) {
            clock.now = clock.now.plusMillis(1);
            jobs.add(finished("f" + i));
        }
        assertThat(jobs.size()).isEqualTo(RecentImportJobs.MAX_JOBS);
        assertThat(jobs.find("running")).containsSame(running);
        assertThat(jobs.find("f0")).isEmpty();
        assertThat(jobs.find("f" + (RecentImportJobs.MAX_JOBS + 49))).isPresent();
    }
}
