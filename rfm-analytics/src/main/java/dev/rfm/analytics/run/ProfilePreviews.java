package dev.rfm.analytics.run;

import dev.rfm.analytics.computation.ScoringComputation;
import dev.rfm.analytics.computation.ScoringOutcome;
import dev.rfm.analytics.history.Amounts;
import dev.rfm.analytics.history.CustomerHistories;
import dev.rfm.analytics.migration.PreviousAssignments;
import dev.rfm.analytics.migration.ProfileChangePreview;
import dev.rfm.analytics.profile.ScoringProfile;
import dev.rfm.analytics.segment.CustomSegmentScheme;
import dev.rfm.domain.database.Database;
import dev.rfm.domain.snapshot.RunRecord;
import dev.rfm.domain.snapshot.RunRules;
import dev.rfm.domain.snapshot.Snapshots;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Previews a draft scoring profile before it is saved: the draft is computed exactly as a run would compute it (the
 * same {@link OrderReader} pass and {@link ScoringComputation}), as of the current run's reference date and with the
 * run before the current one as the "previous run" (so "reactivated" is judged as the current run judged it) and the
 * custom rules the current run used; the draft's segments and stages are then compared with the current run's.
 * Nothing is written. It runs in the background (a pass over all orders takes seconds at a million customers) and one
 * at a time: a preview holds a run's worth of per-customer columns in memory. Decision 0011.
 */
@ApplicationScoped
public class ProfilePreviews {

    private static final Logger LOG = Logger.getLogger(ProfilePreviews.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    private final ConcurrentMap<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicReference<String> running = new AtomicReference<>();

    /** A preview in progress or finished; read by the page's poll. */
    public static final class Job {
        private final String id;
        private final long runId;
        private final LocalDate referenceDate;
        private volatile double progress;
        private volatile ProfileChangePreview result;
        private volatile boolean failed;

        Job(String id, long runId, LocalDate referenceDate) {
            this.id = id;
            this.runId = runId;
            this.referenceDate = referenceDate;
        }

        public String id() {
            return id;
        }

        /** The run the draft is compared with (the current one when the preview started). */
        public long runId() {
            return runId;
        }

        public LocalDate referenceDate() {
            return referenceDate;
        }

        /** 0..1. */
        public double progress() {
            return progress;
        }

        public boolean finished() {
            return result != null || failed;
        }

        public boolean failed() {
            return failed;
        }

        public Optional<ProfileChangePreview> result() {
            return Optional.ofNullable(result);
        }
    }

    /** Why a preview could not start. */
    public enum Refusal {
        NO_RUN,
        BUSY
    }

    /** Thrown by {@link #start} with the reason. */
    public static final class PreviewRefused extends Exception {
        private static final long serialVersionUID = 1L;
        private final Refusal reason;

        PreviewRefused(Refusal reason) {
            super(reason.name());
            this.reason = reason;
        }

        public Refusal reason() {
            return reason;
        }
    }

    /**
     * Starts a preview of {@code draft} against the current run.
     *
     * @throws PreviewRefused when there is no run yet or another preview is computing
     */
    public Job start(ScoringProfile draft) throws PreviewRefused, java.sql.SQLException {
        Optional<RunRecord> current = new Snapshots(dataSource).currentRun();
        if (current.isEmpty()) throw new PreviewRefused(Refusal.NO_RUN);
        Job job = new Job(
                UUID.randomUUID().toString(), current.get().id(), current.get().referenceDate());
        if (!running.compareAndSet(null, job.id)) throw new PreviewRefused(Refusal.BUSY);
        jobs.clear(); // only the newest preview is kept: each may hold a large result list
        jobs.put(job.id, job);
        try {
            executor.submit(() -> compute(job, draft));
        } catch (RuntimeException e) {
            running.set(null);
            throw e;
        }
        return job;
    }

    public Optional<Job> job(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(jobs.get(id));
    }

    /** Computes the preview; public for benchmarks and tests that call it in the caller's thread. */
    public ProfileChangePreview computeNow(ScoringProfile draft) throws java.sql.SQLException {
        RunRecord current =
                new Snapshots(dataSource).currentRun().orElseThrow(() -> new IllegalStateException("no current run"));
        return compute(new Job("direct", current.id(), current.referenceDate()), draft, false);
    }

    private void compute(Job job, ScoringProfile draft) {
        try {
            compute(job, draft, true);
        } catch (Exception | Error e) {
            job.failed = true;
            LOG.log(Level.WARNING, "Profile preview failed", e);
        } finally {
            running.compareAndSet(job.id, null);
        }
    }

    private ProfileChangePreview compute(Job job, ScoringProfile draft, boolean record) throws java.sql.SQLException {
        Snapshots snapshots = new Snapshots(dataSource);
        RunRecord currentRun = snapshots.run(job.runId).orElseThrow(() -> new IllegalStateException("run deleted"));
        PreviousAssignments current = ScoringJob.assignments(dataSource, currentRun);
        java.util.OptionalLong before = snapshots.previousRunId(job.runId);
        PreviousAssignments beforeCurrent = before.isPresent()
                ? ScoringJob.assignments(
                        dataSource, snapshots.run(before.getAsLong()).orElseThrow())
                : PreviousAssignments.none();
        CustomSegmentScheme rules = rulesOf(job.runId);
        BigDecimal currentClv = predictedClvOf(job.runId);
        job.progress = 0.05;
        CustomerHistories histories = new OrderReader(dataSource)
                .read(
                        job.referenceDate,
                        draft.windowStart(job.referenceDate),
                        (read, total) ->
                                job.progress = 0.05 + 0.65 * Math.min(1.0, (double) read / Math.max(1, total)));
        job.progress = 0.7;
        ScoringOutcome outcome = ScoringComputation.compute(
                histories, draft, rules, beforeCurrent, (phase, fraction) -> job.progress = 0.7 + 0.29 * phase.start());
        ProfileChangePreview preview = ProfileChangePreview.of(
                outcome.migrationsFrom(current),
                new ProfileChangePreview.PredictedClv(currentClv, predictedClv(outcome)));
        job.progress = 1.0;
        if (record) job.result = preview;
        return preview;
    }

    /**
     * The custom rules as the run used them (codes and conditions are all segmenting needs), so the preview shows
     * what the profile changes, not rules edited since; none if they no longer compile.
     */
    private CustomSegmentScheme rulesOf(long runId) throws java.sql.SQLException {
        List<CustomSegments.RuleText> rules = new ArrayList<>();
        for (RunRules.CustomRule rule :
                new Snapshots(dataSource).rules(runId).orElse(RunRules.NONE).customRules()) {
            rules.add(new CustomSegments.RuleText(rule.code(), rule.code(), null, null, null, rule.conditions()));
        }
        try {
            return CustomSegments.compile(rules);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "The custom rules of run " + runId + " no longer compile; preview without", e);
            return CustomSegmentScheme.none();
        }
    }

    /** The run's predicted CLV summed over its customers (as stored: rounded to four decimals). */
    private BigDecimal predictedClvOf(long runId) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select coalesce(sum(predicted_clv), 0) from customer_score where run_id = ?")) {
            select.setLong(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1).setScale(2, RoundingMode.HALF_UP);
            }
        }
    }

    /** The draft's predicted CLV summed as a run would store it (each value rounded to four decimals). */
    static BigDecimal predictedClv(ScoringOutcome outcome) {
        if (outcome.modelPartFailed()) return BigDecimal.ZERO.setScale(2);
        long tenThousandths = 0;
        for (int i = 0; i < outcome.size(); i++) {
            double value = outcome.predictedClv(i);
            if (Double.isFinite(value)) tenThousandths += Amounts.roundToTenThousandths(value);
        }
        return BigDecimal.valueOf(tenThousandths, 4).setScale(2, RoundingMode.HALF_UP);
    }
}
