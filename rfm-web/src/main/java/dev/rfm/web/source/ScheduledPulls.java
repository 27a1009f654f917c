package dev.rfm.web.source;

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
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the pulls whose schedule is due: one non-persistent timer at second 0 of every minute reads the sources'
 * schedules from the database, so a source added or changed on any server is pulled on time by every server without
 * timers to re-create; each due minute of a source is claimed once in {@code schedule_slot} (decision 0016). Also
 * creates the secret key at first start, as the settings table promises.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ServerHeartbeat"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ScheduledPulls {

    private static final Logger LOG = Logger.getLogger(ScheduledPulls.class.getName());

    @Resource
    TimerService timers;

    @Inject
    SourceDesk desk;

    @PostConstruct
    void start() {
        desk.urlPrefixes(); // creates the desk now: a missing key is generated at start, a bad one fails the start
        timers.createCalendarTimer(
                new ScheduleExpression().second("0").minute("*").hour("*"), new TimerConfig("scheduled pulls", false));
    }

    @Timeout
    void everyMinute() {
        try {
            desk.pullDue(LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Scheduled pulls could not start", e);
        }
    }
}
