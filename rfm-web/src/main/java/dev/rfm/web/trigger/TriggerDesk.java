package dev.rfm.web.trigger;

import dev.rfm.analytics.trigger.SegmentTrigger;
import dev.rfm.analytics.trigger.SegmentTriggers;
import dev.rfm.analytics.trigger.TriggerBeans;
import dev.rfm.analytics.trigger.TriggerDeliveries;
import dev.rfm.analytics.trigger.TriggerDelivery;
import dev.rfm.analytics.trigger.TriggerEngine;
import dev.rfm.analytics.trigger.TriggerSettings;
import dev.rfm.domain.campaign.Campaign;
import dev.rfm.domain.campaign.Campaigns;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The triggers' services as the Triggers page uses them, in one application-scoped bean (the services themselves are
 * produced {@code @Dependent} and are not serializable, so a view-scoped page may not hold them). The rules are the
 * services' own, as for {@link TriggerResource}.
 */
@ApplicationScoped
public class TriggerDesk {

    private static final Logger LOG = Logger.getLogger(TriggerDesk.class.getName());

    @Inject
    SegmentTriggers triggers;

    @Inject
    TriggerDeliveries deliveries;

    @Inject
    TriggerEngine engine;

    @Inject
    TriggerBeans settings;

    @Inject
    Campaigns campaigns;

    @Resource
    ManagedExecutorService executor;

    public List<SegmentTrigger> all() throws SQLException {
        return triggers.all();
    }

    /** Checks and stores a draft: a new trigger when {@code id} is null; empty when that trigger is gone. */
    public Optional<SegmentTrigger> save(Long id, TriggerSettings.Draft draft, String by) throws SQLException {
        if (id == null) {
            TriggerSettings s = triggers.check(draft, settings.allowHttp(), null);
            return Optional.of(triggers.create(s, by, LocalDateTime.now()));
        }
        if (triggers.find(id).isEmpty()) return Optional.empty();
        TriggerSettings s = triggers.check(draft, settings.allowHttp(), id);
        return triggers.update(id, s, by, LocalDateTime.now());
    }

    /** The campaigns a trigger can work for, newest first as the campaigns page lists them. */
    public List<Campaign> campaigns() throws SQLException {
        return campaigns.list();
    }

    public boolean delete(long id) throws SQLException {
        return triggers.delete(id);
    }

    /** The delivery log, newest run first. */
    public List<TriggerDelivery> deliveries(long id, int limit) throws SQLException {
        return deliveries.of(id, limit);
    }

    /** Replays a run's batches and starts sending them at once; the number of batches replayed. */
    public int replay(long id, long runId) throws SQLException {
        int replayed = engine.replay(id, runId);
        if (replayed > 0) {
            executor.submit(() -> {
                try {
                    engine.deliverDue();
                } catch (SQLException | RuntimeException e) {
                    LOG.log(Level.WARNING, "The replay of trigger " + id + " waits for the next tick", e);
                }
            });
        }
        return replayed;
    }
}
