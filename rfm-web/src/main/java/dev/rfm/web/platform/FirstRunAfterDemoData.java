package dev.rfm.web.platform;

import dev.rfm.analytics.run.RunTrigger;
import dev.rfm.analytics.run.ScoringRuns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Once the demo data is in, the first scoring run starts, so a new user sees a full dashboard. */
@ApplicationScoped
public class FirstRunAfterDemoData {

    private static final Logger LOG = Logger.getLogger(FirstRunAfterDemoData.class.getName());

    @Inject
    ScoringRuns runs;

    void startFirstRun(@Observes DemoDataLoader.DemoDataLoaded loaded) {
        try {
            runs.request(LocalDate.now(), RunTrigger.DEMO, "system");
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "The first scoring run after loading the demo data could not start", e);
        }
    }
}
