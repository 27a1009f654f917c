package dev.rfm.analytics.trigger;

import dev.rfm.domain.snapshot.RunSucceeded;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After each successful run, plans every enabled trigger's batches and sends them. {@code AFTER_SUCCESS}: never act
 * on a run that could still roll back. Planning and sending go to another thread, so a trigger with a million
 * entering customers or a slow receiver never holds up the scoring job; a crash before planning is caught up by the
 * next tick of {@link TriggerTimers}.
 */
@ApplicationScoped
public class AfterRunTriggers {

    private static final Logger LOG = Logger.getLogger(AfterRunTriggers.class.getName());

    @Inject
    TriggerEngine engine;

    @Resource
    ManagedExecutorService executor;

    void runSucceeded(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunSucceeded run) {
        executor.submit(() -> {
            try {
                if (!engine.afterRun(run.runId()).isEmpty()) engine.deliverDue();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "Triggers of run " + run.runId() + " wait for the next tick", e);
            }
        });
    }
}
