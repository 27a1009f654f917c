package dev.rfm.reports.delivery;

import dev.rfm.domain.snapshot.RunRecord;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.reports.mail.Mailer;
import dev.rfm.reports.mail.ReportMail;
import dev.rfm.reports.pdf.SegmentReports;
import dev.rfm.reports.schedule.DueTimes;
import dev.rfm.reports.schedule.ReportSchedule;
import dev.rfm.reports.schedule.ReportSchedules;
import dev.rfm.reports.schedule.ScheduleSettings;
import jakarta.mail.MessagingException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Archives due reports and sends them, exactly once per recipient across any number of servers on one database.
 *
 * <ol>
 *   <li><b>Archive first</b>: a due report is rendered and inserted as PENDING under its unique (schedule,
 *       occurrence) key before anything is sent; the loser of an insert race does nothing.
 *   <li><b>Claim</b>: a conditional update with a lease takes a PENDING or RETRYING report for one sender.
 *   <li><b>Send</b> one mail per recipient, recording each accepted one, so a retry skips them; then SENT.
 *   <li><b>Fail</b>: RETRYING with the error and the next attempt after the {@link RetryPolicy}'s back-off, FAILED
 *       after its last attempt.
 * </ol>
 *
 * The remaining window (decision 0014): a server that dies after the SMTP server accepted a mail but before it was
 * recorded sends that one mail again when the lease expires — at least once for that instant.
 */
public class DeliveryEngine {

    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class.getName());

    /** Longer than any send of one report (20 s SMTP timeouts per recipient); extended after each recipient. */
    static final Duration LEASE = Duration.ofMinutes(5);

    private static final int BATCH = 20;

    private final DataSource dataSource;
    private final ReportSchedules schedules;
    private final ReportArchive archive;
    private final SegmentReports reports;
    private final Mailer mailer;
    private final RetryPolicy retry;
    private final Clock clock;
    private final String worker;

    public DeliveryEngine(
            DataSource dataSource,
            SegmentReports reports,
            Mailer mailer,
            RetryPolicy retry,
            Clock clock,
            String worker) {
        this.dataSource = dataSource;
        this.schedules = new ReportSchedules(dataSource);
        this.archive = new ReportArchive(dataSource);
        this.reports = reports;
        this.mailer = mailer;
        this.retry = retry;
        this.clock = clock;
        this.worker = worker;
    }

    /** No scoring run has succeeded yet: there is nothing to report. */
    public static class NoRunYet extends Exception {
        NoRunYet() {
            super("No scoring run has succeeded yet: there is no report to send. Import data and start a run first.");
        }
    }

    /** Archives the report of every enabled after-run schedule for a run that has just been published. */
    public List<Long> afterRun(long runId, LocalDate referenceDate) throws SQLException {
        List<Long> archived = new ArrayList<>();
        for (ReportSchedule s : schedules.enabled(false)) {
            archive(s, "run:" + runId, runId, referenceDate).ifPresent(archived::add);
        }
        return archived;
    }

    /** Archives a timed schedule's report for its occurrence, from the current run; empty when done already. */
    public OptionalLong due(ReportSchedule s, LocalDateTime occurrence) throws SQLException {
        Optional<RunRecord> run = new Snapshots(dataSource).currentRun();
        if (run.isEmpty()) {
            LOG.info(() -> "Report schedule " + s.id() + " is due at " + occurrence + " but no run has succeeded yet");
            return OptionalLong.empty();
        }
        return archive(s, DueTimes.key(occurrence), run.get().id(), run.get().referenceDate());
    }

    /**
     * Archives what is due and not archived yet: each enabled timed schedule's most recent occurrence (when it came
     * after the schedule was last changed), and each enabled after-run schedule's report of the current run (when
     * that run finished after the schedule was last changed). Idempotent thanks to the unique key; called at
     * start-up and by every tick of the worker, so a missed timer or a crash before archiving loses nothing.
     */
    public List<Long> catchUp() throws SQLException {
        LocalDateTime now = LocalDateTime.now(clock);
        List<Long> archived = new ArrayList<>();
        for (ReportSchedule s : schedules.enabled(true)) {
            Optional<LocalDateTime> latest = DueTimes.latestAtOrBefore(s.settings(), now);
            if (latest.isPresent() && latest.get().isAfter(s.updatedAt())) {
                due(s, latest.get()).ifPresent(archived::add);
            }
        }
        Optional<RunRecord> run = new Snapshots(dataSource).currentRun();
        if (run.isPresent() && run.get().finishedAt() != null) {
            for (ReportSchedule s : schedules.enabled(false)) {
                if (run.get().finishedAt().isAfter(s.updatedAt())) {
                    archive(
                                    s,
                                    "run:" + run.get().id(),
                                    run.get().id(),
                                    run.get().referenceDate())
                            .ifPresent(archived::add);
                }
            }
        }
        return archived;
    }

    /** Archives a report of the current run for a schedule, to be sent at once; the delivery's id. */
    public long sendNow(ReportSchedule s) throws SQLException, NoRunYet {
        RunRecord run = new Snapshots(dataSource).currentRun().orElseThrow(NoRunYet::new);
        String occurrence = "now:" + UUID.randomUUID(); // each request its own report; created_at says when
        return archive(s, occurrence, run.id(), run.referenceDate())
                .orElseThrow(() -> new IllegalStateException("a fresh send-now key was taken"));
    }

    private OptionalLong archive(ReportSchedule s, String occurrence, long runId, LocalDate referenceDate)
            throws SQLException {
        if (archive.exists(s.id(), occurrence)) return OptionalLong.empty(); // spares rendering; the key decides
        ScheduleSettings set = s.settings();
        byte[] pdf = reports.render(runId, set.scheme(), Locale.forLanguageTag(set.locale()), set.topCustomers());
        OptionalLong id = archive.insert(
                new ReportArchive.NewReport(
                        s.id(),
                        occurrence,
                        runId,
                        referenceDate,
                        set.name(),
                        set.scheme(),
                        set.locale(),
                        set.recipients(),
                        pdf),
                LocalDateTime.now(clock));
        id.ifPresent(i -> LOG.info(() -> "Report " + i + " of schedule " + s.id() + " (" + occurrence + ") archived"));
        return id;
    }

    /** Sends every report whose time has come and that no other server holds; how many were attempted. */
    public int deliverDue() throws SQLException {
        int attempted = 0;
        for (long id : archive.due(LocalDateTime.now(clock), BATCH)) {
            if (deliver(id)) attempted++;
        }
        return attempted;
    }

    /** One attempt at one report, if this server can claim it. */
    boolean deliver(long id) throws SQLException {
        String token = worker + "/" + UUID.randomUUID().toString().substring(0, 8);
        LocalDateTime now = LocalDateTime.now(clock);
        Optional<ReportArchive.Claimed> claimed = archive.claim(id, token, now, now.plus(LEASE));
        if (claimed.isEmpty()) return false;
        ArchivedReport report = claimed.get().report();
        Optional<String> off = mailer.settings().offReason();
        if (off.isPresent()) {
            archive.markArchivedOnly(id, token, off.get());
            return true;
        }
        ReportMail mail = ReportMail.of(
                report.locale(),
                report.scheduleName(),
                report.scheme(),
                report.runId(),
                report.referenceDate(),
                claimed.get().pdf());
        List<String> sentTo = new ArrayList<>(claimed.get().sentTo());
        try {
            for (String to : report.recipients()) {
                if (sentTo.contains(to)) continue;
                mailer.send(to, mail);
                sentTo.add(to);
                if (!archive.recordSentTo(
                        id, token, sentTo, LocalDateTime.now(clock).plus(LEASE))) {
                    LOG.warning(() -> "Report " + id + ": the lease was lost while sending; another server goes on");
                    return true;
                }
            }
            archive.markSent(id, token, LocalDateTime.now(clock));
            LOG.info(() -> "Report " + id + " sent to " + report.recipients().size() + " recipients");
        } catch (MessagingException | RuntimeException e) {
            int attempt = report.attempts() + 1;
            LocalDateTime next = attempt >= retry.attempts()
                    ? null
                    : LocalDateTime.now(clock).plus(retry.delayAfter(attempt));
            String error = "Attempt " + attempt + " of " + retry.attempts() + " failed: " + describe(e)
                    + (next == null ? "; no more attempts." : "; next attempt at " + next + ".");
            archive.markFailedAttempt(id, token, error, next);
            LOG.warning(() -> "Report " + id + ": " + error);
        }
        return true;
    }

    /** The error and its causes in one line (the SMTP server's answer is usually in a cause). */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 800; t = t.getCause()) {
            if (!text.isEmpty()) text.append(" <- ");
            text.append(
                    t.getMessage() == null
                            ? t.getClass().getSimpleName()
                            : t.getMessage().strip());
        }
        return text.toString();
    }
}
