package dev.rfm.web.segment;

import dev.rfm.domain.snapshot.SegmentActions;
import dev.rfm.domain.snapshot.SegmentActions.SegmentAction;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.domain.snapshot.Snapshots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read model of the Segments page: a scheme's segments in the current run from the per-run summary table, with
 * what the summary lacks (average P(alive), size change since the previous run, the edited actions).
 *
 * <p>The average P(alive) needs one grouped pass over the run's customer rows; a published run never changes, so the
 * answer is kept per run and scheme (a handful of numbers) and the page stays fast at a million customers.
 */
@ApplicationScoped
public class SegmentTable {

    /** The schemes the page switches between, in the order of the switcher. */
    public static final List<String> SCHEMES = List.of("standard", "cn8", "custom", "lifecycle", "abc");

    private static final int CACHED_RUNS = 64;

    @Inject
    Snapshots snapshots;

    @Inject
    SegmentActions actions;

    private final Map<String, Map<String, Double>> averagePAlive = new ConcurrentHashMap<>();

    /** The current run's id, if a run has succeeded. */
    public OptionalLong currentRun() throws SQLException {
        return snapshots.currentRunId();
    }

    /** The segments of a scheme in a run, in the scheme's order. */
    public List<SegmentLine> lines(long runId, String scheme) throws SQLException {
        if (!SCHEMES.contains(scheme)) throw new IllegalArgumentException("Unknown scheme '" + scheme + "'");
        List<SegmentRow> rows = snapshots.segments(runId, scheme);
        Map<String, Long> previous = new HashMap<>();
        OptionalLong previousRun = snapshots.previousRunId(runId);
        if (previousRun.isPresent()) {
            for (SegmentRow row : snapshots.segments(previousRun.getAsLong(), scheme)) {
                previous.put(row.code(), row.customers());
            }
        }
        Map<String, Double> pAlive = averagePAlive(runId, scheme);
        Map<String, SegmentAction> edited = actions.of(scheme);
        return rows.stream()
                .map(r -> {
                    SegmentAction action = edited.get(r.code());
                    return new SegmentLine(
                            r.code(),
                            r.nameEn(),
                            r.nameZh() == null ? r.nameEn() : r.nameZh(),
                            r.customers(),
                            r.share(),
                            r.revenue(),
                            r.revenueShare(),
                            r.avgRecencyDays(),
                            r.avgFrequency(),
                            r.avgMonetary(),
                            r.avgPredictedClv(),
                            pAlive.get(r.code()),
                            previousRun.isEmpty() ? null : r.customers() - previous.getOrDefault(r.code(), 0L),
                            action == null ? r.actionEn() : action.actionEn(),
                            action == null ? r.actionZh() : action.actionZh(),
                            action != null);
                })
                .toList();
    }

    private Map<String, Double> averagePAlive(long runId, String scheme) throws SQLException {
        String key = runId + "/" + scheme;
        Map<String, Double> cached = averagePAlive.get(key);
        if (cached != null) return cached;
        Map<String, Double> computed = Map.copyOf(snapshots.averagePAlive(runId, scheme));
        if (averagePAlive.size() >= CACHED_RUNS * SCHEMES.size()) averagePAlive.clear(); // old runs: rarely asked
        averagePAlive.put(key, computed);
        return computed;
    }

    /** Keeps the actions the team wrote; {@link SegmentActions} checks them. */
    public void saveAction(String scheme, String code, String actionEn, String actionZh, String user)
            throws SQLException {
        if (!SCHEMES.contains(scheme)) throw new IllegalArgumentException("Unknown scheme '" + scheme + "'");
        actions.save(scheme, code, actionEn, actionZh, user, java.time.LocalDateTime.now());
    }
}
