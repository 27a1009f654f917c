package dev.rfm.web.customer;

import dev.rfm.domain.database.Database;
import dev.rfm.domain.snapshot.CustomerFilter;
import dev.rfm.domain.snapshot.CustomerList;
import dev.rfm.domain.snapshot.CustomerResult;
import dev.rfm.web.snapshot.Remembered;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * The pages' door to {@link CustomerList}, with what the pages add: the count of a filter is computed once per run
 * and filter, since a pager asks for it on every page turn and counting is the costly query at a million customers;
 * the first pages of a filter in an order (within {@value #SHALLOW} customers) are found once, by an index walk or a
 * top-N sort, and remembered for every user; and where a deeper page cannot be found by an index walk, the first
 * reader gets it from a top-N sort while the filter's customers are sorted once in the background and kept as ids in
 * the page's order, so every later deep page, and every other user's, is a slice of them (decision 0018). A succeeded
 * run never changes, so nothing here goes stale. The caches hold the last {@value #COUNTS_KEPT} filters, {@value
 * #PAGES_KEPT} pages and at most {@value #IDS_KEPT} ordered ids; a new run makes new keys.
 */
@ApplicationScoped
public class CustomerDirectory {

    static final int COUNTS_KEPT = 500;
    /** About 80 MB of ids. */
    static final long IDS_KEPT = 10_000_000;
    /**
     * Pages that end within the first {@value} customers of a filter's order are found by a top-N sort (or in the
     * stretch of the run's order) and remembered; only deeper pages sort all the filter's customers once.
     */
    static final int SHALLOW = 500;
    /** Pages of 25 to 100 customers: a few MB. */
    static final int PAGES_KEPT = 2_000;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    private CustomerList list;

    private record CountKey(long runId, CustomerFilter filter) {}

    /** Counted once per key even when many ask at once: fifty users applying one filter start one count. */
    private final Remembered<CountKey, Long> counts = new Remembered<>("the customers", COUNTS_KEPT, count -> 1);

    private record OrderKey(long runId, CustomerFilter filter, String sort, boolean ascending) {}

    private final Remembered<OrderKey, long[]> ordered = new Remembered<>("the customers", IDS_KEPT, ids -> ids.length);

    private record PageKey(long runId, CustomerFilter filter, String sort, boolean ascending, long offset, int size) {}

    /** The first pages of a filter in an order, as most users browse them: found once, then read from here. */
    private final Remembered<PageKey, List<CustomerResult>> shallowPages =
            new Remembered<>("the customers", PAGES_KEPT, page -> 1);

    @Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    @PostConstruct
    void open() {
        list = new CustomerList(dataSource);
    }

    public CustomerList list() {
        return list;
    }

    public long count(long runId, CustomerFilter filter) {
        return counts.get(new CountKey(runId, filter), () -> list.count(runId, filter));
    }

    /**
     * A page of the filtered customers; none without a query when the (remembered) count says there are none from
     * {@code offset} on: a filter nobody passes would otherwise have the database walk the whole run in page order
     * looking for a first row (1.2 s at a million customers for At Risk with a predicted CLV of at least 1,000).
     */
    public List<CustomerResult> page(
            long runId, CustomerFilter filter, String sort, boolean ascending, long offset, int size) {
        if (offset >= count(runId, filter)) return List.of();
        if (offset + size <= SHALLOW) {
            return shallowPages.get(
                    new PageKey(runId, filter, sort, ascending, offset, size),
                    () -> List.copyOf(findPage(runId, filter, sort, ascending, offset, size)));
        }
        return findPage(runId, filter, sort, ascending, offset, size);
    }

    private List<CustomerResult> findPage(
            long runId, CustomerFilter filter, String sort, boolean ascending, long offset, int size) {
        List<CustomerResult> quick = unchecked(() -> list.quickPage(runId, filter, sort, ascending, offset, size));
        if (quick != null) return quick;
        if (offset + size <= SHALLOW) { // a top-N sort is cheap this shallow: no need to sort them all
            return unchecked(() -> list.sortedPage(runId, filter, sort, ascending, offset, size));
        }
        OrderKey key = new OrderKey(runId, filter, sort, ascending);
        var ids = ordered.start(key, () -> list.orderedIds(runId, filter, sort, ascending), executor);
        if (ids.byThisCall()) { // the first to ask does not wait for the whole sort
            return unchecked(() -> list.sortedPage(runId, filter, sort, ascending, offset, size));
        }
        long[] sorted = ids.await();
        return unchecked(() -> list.rows(
                runId, sorted, (int) Math.min(offset, sorted.length), (int) Math.min(offset + size, sorted.length)));
    }

    public long writeCsv(long runId, CustomerFilter filter, String sort, boolean ascending, Writer out)
            throws IOException {
        try {
            return list.writeCsv(runId, filter, sort, ascending, out);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the customers failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the filtered customers as an Excel workbook. Refused (before anything is written) when they are more
     * than one sheet holds: the CSV export has no such limit.
     */
    public long writeWorkbook(
            long runId, CustomerFilter filter, String sort, boolean ascending, String sheetName, OutputStream out)
            throws IOException {
        if (count(runId, filter) > CustomerWorkbook.MAX_CUSTOMERS) throw new TooManyForExcel();
        try (CustomerWorkbook workbook = new CustomerWorkbook(sheetName)) {
            long rows = list.forEach(runId, filter, sort, ascending, workbook::add);
            workbook.write(out);
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the customers failed: " + e.getMessage(), e);
        }
    }

    /** The list is longer than an Excel sheet. */
    public static final class TooManyForExcel extends RuntimeException {
        TooManyForExcel() {
            super("More than " + CustomerWorkbook.MAX_CUSTOMERS + " customers: export them as CSV");
        }
    }

    interface Query<T> {
        T run() throws SQLException;
    }

    static <T> T unchecked(Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the customers failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e;
        }
    }
}
