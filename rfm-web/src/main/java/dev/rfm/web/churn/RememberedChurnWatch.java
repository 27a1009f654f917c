package dev.rfm.web.churn;

import dev.rfm.domain.snapshot.ChurnWatch;
import dev.rfm.domain.snapshot.ChurnWatch.Counts;
import dev.rfm.domain.snapshot.ChurnWatch.Criteria;
import dev.rfm.domain.snapshot.ChurnWatch.Row;
import dev.rfm.domain.snapshot.RunSucceeded;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.web.snapshot.Remembered;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The churn watch's counts and pages, remembered per run and criteria for the page and the API: counting reads both
 * runs' rows, and finding a page's customers sorts every candidate of the run (a quarter to half a second each at a
 * million customers), while a succeeded run and the run before it never change. Keeps the last {@value #KEPT}
 * answers of each kind; a new run makes new keys. The page's default criteria and first page are prepared in the
 * background when a run succeeds and at start, so the first reader of the page does not wait for them. Many readers
 * asking for the same answer at once wait for one reading.
 */
@ApplicationScoped
public class RememberedChurnWatch {

    static final int KEPT = 200;
    /** The rows per page the Churn watch page shows first (churn.xhtml). */
    static final int FIRST_PAGE_ROWS = 25;

    private static final Logger LOG = Logger.getLogger(RememberedChurnWatch.class.getName());

    @Inject
    ChurnWatch watch;

    @Inject
    Snapshots snapshots;

    @Resource
    ManagedExecutorService executor;

    private record CountsKey(long runId, Criteria criteria) {}

    private record PageKey(long runId, Criteria criteria, String sort, boolean ascending, long offset, int size) {}

    private final Remembered<CountsKey, Counts> counts = new Remembered<>("the churn watch", KEPT, c -> 1);
    private final Remembered<PageKey, List<Row>> pages = new Remembered<>("the churn watch", KEPT, p -> 1);

    public Counts counts(long runId, Criteria criteria) {
        return counts.get(new CountsKey(runId, criteria), () -> watch.counts(runId, criteria));
    }

    /** One page of the watch list, as {@link ChurnWatch#page}. */
    public List<Row> page(long runId, Criteria criteria, String sort, boolean ascending, long offset, int size) {
        return pages.get(
                new PageKey(runId, criteria, sort, ascending, offset, size),
                () -> List.copyOf(watch.page(runId, criteria, sort, ascending, offset, size)));
    }

    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        executor.execute(() -> {
            try {
                snapshots.currentRunId().ifPresent(this::countDefault);
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.FINE, "Churn watch not prepared at start", e);
            }
        });
    }

    void runSucceeded(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunSucceeded run) {
        executor.execute(() -> countDefault(run.runId()));
    }

    private void countDefault(long runId) {
        try {
            counts(runId, Criteria.DEFAULT);
            page(runId, Criteria.DEFAULT, null, false, 0, FIRST_PAGE_ROWS);
        } catch (RuntimeException e) {
            // the page counts again when it is opened and shows the error there
            LOG.log(Level.WARNING, "Churn watch of run " + runId + " not prepared", e);
        }
    }
}
