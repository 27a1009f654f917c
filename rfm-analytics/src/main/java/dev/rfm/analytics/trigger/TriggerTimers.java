package dev.rfm.analytics.trigger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The triggers' worker: a non-persistent interval timer ({@code RFM_TRIGGERS_WORKER_SECONDS}, default 15 s) whose
 * tick plans what a crash missed and sends what is due, retries included. It fires on every server; the planning's
 * primary key and the batches' leased claims make each batch go out from one server at a time.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TriggerTimers {

    private static final Logger LOG = Logger.getLogger(TriggerTimers.class.getName());

    @Resource
    TimerService timers;

    @Inject
    TriggerEngine engine;

    @Inject
    @ConfigProperty(name = "rfm.triggers.worker-seconds", defaultValue = "15")
    long workerSeconds;

    @PostConstruct
    void start() {
        timers.createIntervalTimer(5_000, workerSeconds * 1000, new TimerConfig("trigger worker", false));
    }

    @Timeout
    void tick() {
        try {
            engine.catchUp();
            engine.deliverDue();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "The trigger worker's tick failed; the next one tries again", e);
        }
    }
}
