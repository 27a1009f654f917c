package dev.rfm.reports.delivery;

import dev.rfm.reports.schedule.DueTimes;
import dev.rfm.reports.schedule.ReportSchedule;
import dev.rfm.reports.schedule.ReportSchedules;
import dev.rfm.reports.schedule.ScheduleSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
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
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The timers of the reports, created from the database: one non-persistent calendar timer per enabled timed schedule
 * (server time), re-created when a schedule changes, and the worker's interval timer ({@code
 * RFM_REPORTS_WORKER_SECONDS}, default 30 s). Each tick re-creates the calendar timers when another server changed
 * a schedule, archives what is due and was missed (start-up, a crash), and sends what waits, retries included.
 * Timers fire on every server; the archive's unique key and the claim make each report go out once.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // a tick sending mail must not block a schedule's change
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReportTimers {

    private static final Logger LOG = Logger.getLogger(ReportTimers.class.getName());
    private static final String WORKER = "report worker";

    @Resource
    TimerService timers;

    @Inject
    DeliveryEngine engine;

    @Inject
    ReportSchedules schedules;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "rfm.reports.worker-seconds", defaultValue = "30")
    long workerSeconds;

    private String syncedVersion;

    @PostConstruct
    void start() {
        // the first tick soon after start-up catches up on what was missed and resumes what waits
        timers.createIntervalTimer(5_000, workerSeconds * 1000, new TimerConfig(WORKER, false));
        try {
            resync();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Report schedule timers are created at the first tick instead", e);
        }
    }

    @Timeout
    void timeout(Timer timer) {
        try {
            if (timer.getInfo() instanceof Long scheduleId) fire(scheduleId);
            else tick();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Report timer '" + timer.getInfo() + "' failed; the next tick tries again", e);
        }
    }

    private void tick() throws SQLException {
        if (!schedules.version().equals(syncedVersion)) resync();
        engine.catchUp();
        engine.deliverDue();
    }

    private void fire(long scheduleId) throws SQLException {
        var schedule = schedules.find(scheduleId);
        if (schedule.isEmpty() || !schedule.get().settings().enabled()) return;
        // a timer may fire a moment early: the occurrence is the one within the coming minute
        LocalDateTime soon = LocalDateTime.now(clock).plusMinutes(1);
        var occurrence = DueTimes.latestAtOrBefore(schedule.get().settings(), soon);
        if (occurrence.isPresent()) engine.due(schedule.get(), occurrence.get());
        engine.deliverDue();
    }

    /** Re-creates the calendar timers from the database: after a change here, or one seen from another server. */
    public synchronized void resync() throws SQLException {
        String version = schedules.version();
        for (Timer timer : timers.getTimers()) {
            if (timer.getInfo() instanceof Long) timer.cancel();
        }
        int created = 0;
        for (ReportSchedule s : schedules.enabled(true)) {
            timers.createCalendarTimer(expression(s.settings()), new TimerConfig(s.id(), false));
            created++;
        }
        syncedVersion = version;
        int count = created;
        LOG.info(() -> count + " report schedule timers created");
    }

    static ScheduleExpression expression(ScheduleSettings s) {
        ScheduleExpression e = new ScheduleExpression()
                .second(0)
                .minute(s.time().getMinute())
                .hour(s.time().getHour());
        return switch (s.cadence()) {
            case WEEKLY -> e.dayOfWeek(s.dayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            case MONTHLY -> e.dayOfMonth(s.dayOfMonth());
            default -> e;
        };
    }
}
