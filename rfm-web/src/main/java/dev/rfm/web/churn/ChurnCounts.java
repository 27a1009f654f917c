package dev.rfm.web.churn;

import dev.rfm.domain.snapshot.ChurnWatch;
import dev.rfm.domain.snapshot.ChurnWatch.Counts;
import dev.rfm.domain.snapshot.ChurnWatch.Criteria;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counts of the churn watch, computed once per run and criteria for the page and the API: counting is the costly
 * query (it reads both runs' rows), and a succeeded run and the run before it never change. Keeps the last {@value
 * #KEPT} answers; a new run makes new keys.
 */
@ApplicationScoped
public class ChurnCounts {

    static final int KEPT = 200;

    @Inject
    ChurnWatch watch;

    private record Key(long runId, Criteria criteria) {}

    private final Map<Key, Counts> counts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Counts> eldest) {
            return size() > KEPT;
        }
    };

    public Counts of(long runId, Criteria criteria) throws SQLException {
        Key key = new Key(runId, criteria);
        synchronized (counts) {
            Counts known = counts.get(key);
            if (known != null) return known;
        }
        Counts counted = watch.counts(runId, criteria);
        synchronized (counts) {
            counts.put(key, counted);
        }
        return counted;
    }
}
