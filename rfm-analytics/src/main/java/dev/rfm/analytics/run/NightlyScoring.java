package dev.rfm.analytics.run;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The nightly scoring run: an EJB calendar timer whose time comes from {@code RFM_SCORING_SCHEDULE} ("second minute
 * hour", default {@code 0 0 2}: 02:00:00 server time). Non-persistent, so it fires on every server; the database
 * guard in {@link ScoringRuns} lets one of them run. The timeout is a one-line boundary.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
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

    @PostConstruct
    void schedule() {
        try {
            runs.recoverInterruptedRuns();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Could not check for interrupted runs", e);
        }
        timers.createCalendarTimer(parse(schedule), new TimerConfig("nightly scoring", false));
        LOG.info(() -> "Nightly scoring scheduled at '" + schedule + "' (second minute hour, server time)");
    }

    @Timeout
    void nightly() {
        try {
            runs.request(LocalDate.now(), RunTrigger.SCHEDULE, "scheduler");
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "The nightly scoring run could not start", e);
        }
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
