package dev.rfm.analytics.run;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The nightly scoring run: an EJB calendar timer whose time comes from {@code RFM_SCORING_SCHEDULE} ("second minute
 * hour", default {@code 0 0 2}: 02:00:00 server time). Non-persistent, so it fires on every server; each firing
 * claims its time slot in the database first ({@link ScoringRuns#claimSlot}), so a slot gives at most one run across
 * all servers, even when one server's timer fires after another's run of the same slot has finished.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ServerHeartbeat"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NightlyScoring {

    private static final Logger LOG = Logger.getLogger(NightlyScoring.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ScoringRuns runs;

    @Inject
    @ConfigProperty(name = "rfm.scoring.schedule", defaultValue = "0 0 2")
    String schedule;

    /** The time the timer's next firing is scheduled for, as the container computed it from the schedule. */
    private LocalDateTime expected;

    @PostConstruct
    void schedule() {
        Timer timer = timers.createCalendarTimer(parse(schedule), new TimerConfig("nightly scoring", false));
        expected = local(timer.getNextTimeout());
        LOG.info(() -> "Nightly scoring scheduled at '" + schedule + "' (second minute hour, server time); next at "
                + expected);
    }

    @Timeout
    void nightly(Timer timer) {
        LocalDateTime now = LocalDateTime.now();
        LocalDateTime reported = local(timer.getNextTimeout());
        LocalDateTime slot = slotOf(expected, reported, now);
        if (reported.isAfter(now)) expected = reported;
        try {
            if (!runs.claimSlot(slot)) {
                LOG.info(() -> "Scoring slot " + slot + " was claimed by another server first");
                return;
            }
            RunRequest request = runs.request(LocalDate.now(), RunTrigger.SCHEDULE, "scheduler", slot);
            if (!request.started()) {
                LOG.info(() -> "Scoring slot " + slot + " gives no run: run " + request.runId() + " is still working");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "The nightly scoring run could not start", e);
        }
    }

    /**
     * The slot this firing belongs to: the time it was scheduled for, the same on every server whatever the delay of
     * its timer. {@code expected} is what the timer said before this firing; {@code reported} what it says now (the
     * next firing, or on some containers this one). A firing that matches neither (a server suspended for a while)
     * counts as the second it happened in.
     */
    static LocalDateTime slotOf(LocalDateTime expected, LocalDateTime reported, LocalDateTime now) {
        if (!reported.isAfter(now)) return reported;
        if (expected != null && !expected.isAfter(now.plusSeconds(1)) && expected.isAfter(now.minusMinutes(1))) {
            return expected;
        }
        return now.truncatedTo(ChronoUnit.SECONDS);
    }

    private static LocalDateTime local(Date date) {
        return LocalDateTime.ofInstant(date.toInstant(), ZoneId.systemDefault());
    }

    /**
     * "second minute hour" with EJB calendar syntax in each field, optionally followed by day-of-week, e.g. {@code 0 30
     * 1} or {@code 0 0 2 Mon-Fri}.
     */
    static ScheduleExpression parse(String text) {
        String[] fields = text == null ? new String[0] : text.trim().split("\\s+");
        if (fields.length < 3 || fields.length > 4) {
            throw new IllegalArgumentException("RFM_SCORING_SCHEDULE must be 'second minute hour [day-of-week]',"
                    + " e.g. '0 0 2'; was '" + text + "'");
        }
        ScheduleExpression expression =
                new ScheduleExpression().second(fields[0]).minute(fields[1]).hour(fields[2]);
        return fields.length == 4 ? expression.dayOfWeek(fields[3]) : expression;
    }
}
