package dev.rfm.reports.delivery;

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
 * After each successful run, archives the reports of the after-run schedules and sends them. The scoring job fires
 * {@link RunSucceeded} after its commit, outside any transaction; {@code AFTER_SUCCESS} states that this must never
 * act on a run that could still roll back. Archiving happens here (the key {@code run:<id>} makes it once); sending
 * goes to another thread, so a slow SMTP server never holds up the scoring job.
 */
@ApplicationScoped
public class AfterRunReports {

    private static final Logger LOG = Logger.getLogger(AfterRunReports.class.getName());

    @Inject
    DeliveryEngine engine;

    @Resource
    ManagedExecutorService executor;

    void runSucceeded(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunSucceeded run) {
        try {
            if (engine.afterRun(run.runId(), run.referenceDate()).isEmpty()) return;
            executor.submit(() -> {
                try {
                    engine.deliverDue();
                } catch (SQLException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Reports of run " + run.runId() + " wait for the next tick", e);
                }
            });
        } catch (SQLException | RuntimeException e) {
            // the worker's catch-up archives them on its next tick
            LOG.log(Level.WARNING, "The after-run reports of run " + run.runId() + " could not be archived now", e);
        }
    }
}
