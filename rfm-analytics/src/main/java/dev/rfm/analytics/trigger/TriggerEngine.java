package dev.rfm.analytics.trigger;

import dev.rfm.domain.snapshot.RunRecord;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.domain.source.SecretBox;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Delivers what triggers find, at least once, across any number of servers on one database.
 *
 * <ol>
 *   <li><b>Plan first</b>: after a run, each enabled trigger's entering customers are stored as batches
 *       ({@link BatchPlanner}) before anything is sent; the catch-up of every tick plans what a crash missed.
 *   <li><b>Claim</b>: a conditional update with a lease takes a PENDING or RETRYING batch for one sender.
 *   <li><b>Send</b>: the CSV file (once per claim window, atomically), then the signed webhook; 2xx is DELIVERED.
 *   <li><b>Fail</b>: RETRYING with the error and the next attempt after the {@link TriggerRetry}'s back-off,
 *       FAILED when its give-up window is over.
 * </ol>
 *
 * At least once, not exactly once: a server that dies after the receiver accepted a batch but before DELIVERED was
 * recorded sends it again when its lease expires; the batch's idempotency key lets the receiver drop the repeat.
 */
public class TriggerEngine {

    private static final Logger LOG = Logger.getLogger(TriggerEngine.class.getName());

    /** Longer than any attempt (connect + answer timeouts); a dead sender's batch is taken over after it. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private static final int DUE_PER_TICK = 50;

    private final DataSource dataSource;
    private final SegmentTriggers triggers;
    private final TriggerDeliveries deliveries;
    private final BatchPlanner planner;
    private final WebhookSender sender;
    private final TriggerRetry retry;
    private final Clock clock;
    private final String worker;

    public TriggerEngine(
            DataSource dataSource,
            int batchSize,
            WebhookSender sender,
            TriggerRetry retry,
            Clock clock,
            String worker,
            SecretBox secrets) {
        this.dataSource = dataSource;
        this.triggers = new SegmentTriggers(dataSource, secrets);
        this.deliveries = new TriggerDeliveries(dataSource);
        this.planner = new BatchPlanner(dataSource, batchSize);
        this.sender = sender;
        this.retry = retry;
        this.clock = clock;
        this.worker = worker;
    }

    /** Plans every enabled trigger's batches for a run that has just been published; the plans made. */
    public List<BatchPlanner.Plan> afterRun(long runId) throws SQLException {
        List<BatchPlanner.Plan> plans = new ArrayList<>();
        for (SegmentTrigger t : triggers.enabled()) {
            planner.plan(t, runId, LocalDateTime.now(clock)).ifPresent(plan -> {
                plans.add(plan);
                LOG.info(() -> "Trigger " + t.id() + ", run " + runId + ": " + plan.customers()
                        + " customers entered, in " + plan.batches() + " batches"
                        + (plan.heldOut() > 0
                                ? "; " + plan.heldOut() + " held out as the campaign's control group"
                                : ""));
            });
        }
        return plans;
    }

    /**
     * Plans the current run for enabled triggers that existed when it finished and have not evaluated it (a crash
     * between the run's commit and the planning). A trigger created later starts with the next run, so a new trigger
     * never posts an old run's moves.
     */
    public List<BatchPlanner.Plan> catchUp() throws SQLException {
        Optional<RunRecord> run = new Snapshots(dataSource).currentRun();
        if (run.isEmpty() || run.get().finishedAt() == null) return List.of();
        List<BatchPlanner.Plan> plans = new ArrayList<>();
        for (SegmentTrigger t : triggers.enabled()) {
            if (t.createdAt().isBefore(run.get().finishedAt())
                    && !planner.planned(t.id(), run.get().id())) {
                planner.plan(t, run.get().id(), LocalDateTime.now(clock)).ifPresent(plans::add);
            }
        }
        return plans;
    }

    /** Sends every batch whose time has come and that no other server holds; how many were attempted. */
    public int deliverDue() throws SQLException {
        int attempted = 0;
        for (long id : deliveries.due(LocalDateTime.now(clock), DUE_PER_TICK)) {
            if (deliver(id)) attempted++;
        }
        return attempted;
    }

    /** Queues a trigger's batches of a run again; how many. */
    public int replay(long triggerId, long runId) throws SQLException {
        return deliveries.replay(triggerId, runId, LocalDateTime.now(clock));
    }

    /** One attempt at one batch, if this server can claim it. */
    boolean deliver(long id) throws SQLException {
        String token = worker + "/" + UUID.randomUUID().toString().substring(0, 8);
        LocalDateTime now = LocalDateTime.now(clock);
        Optional<TriggerDeliveries.Claimed> claimed = deliveries.claim(id, token, now, now.plus(LEASE));
        if (claimed.isEmpty()) return false;
        TriggerDelivery batch = claimed.get().delivery();
        Optional<SegmentTriggers.Target> target = triggers.target(batch.triggerId());
        if (target.isEmpty()) return true; // deleted meanwhile: its rows go with it
        try {
            if (target.get().fileDirectory() != null && !claimed.get().fileWritten()) {
                BatchFile.write(
                        Path.of(target.get().fileDirectory()), claimed.get().body());
                deliveries.markFileWritten(id, token, LocalDateTime.now(clock));
            }
            if (target.get().webhookUrl() != null) {
                long timestamp = clock.instant().getEpochSecond();
                WebhookSender.Answer answer = sender.post(
                        target.get().webhookUrl(),
                        target.get().secret(),
                        timestamp,
                        claimed.get().body());
                if (!answer.accepted()) {
                    failed(batch, claimed.get(), token, "HTTP " + answer.status() + " " + answer.body());
                    return true;
                }
            }
            deliveries.markDelivered(id, token, LocalDateTime.now(clock));
            LOG.fine(() -> batch.idempotencyKey() + " delivered");
        } catch (IOException | RuntimeException e) {
            failed(batch, claimed.get(), token, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(batch, claimed.get(), token, "interrupted while sending");
        }
        return true;
    }

    private void failed(TriggerDelivery batch, TriggerDeliveries.Claimed claimed, String token, String reason)
            throws SQLException {
        int attempt = batch.attempts() + 1;
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDateTime next =
                retry.nextAttempt(attempt, now, claimed.retrySince()).orElse(null);
        String error = "Attempt " + attempt + " failed: " + reason
                + (next == null ? "; retried for " + retry.giveUpAfter() + ", no more attempts." : "; next at " + next);
        deliveries.markFailedAttempt(batch.id(), token, error, next);
        LOG.warning(() -> batch.idempotencyKey() + ": " + error);
    }

    /** The error and its causes in one line (a refused connection says so only in a cause). */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 800; t = t.getCause()) {
            if (!text.isEmpty()) text.append(" <- ");
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) text.append(": ").append(t.getMessage().strip());
        }
        return text.toString();
    }
}
