package dev.rfm.web.churn;

import dev.rfm.domain.snapshot.ChurnWatch;
import dev.rfm.domain.snapshot.ChurnWatch.Criteria;
import dev.rfm.domain.snapshot.ChurnWatch.Row;
import jakarta.enterprise.inject.spi.CDI;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The Churn watch table's rows: one SQL page per request, sorted by the column the reader chose (value at stake,
 * descending, until they do). The count is the page's, computed once per criteria.
 */
class ChurnRowsModel extends LazyDataModel<Row> {

    private static final long serialVersionUID = 1L;

    interface Source<T> extends Supplier<T>, Serializable {}

    private final long runId;
    private final Source<Criteria> criteria;
    private final Source<Long> total;

    /** The sort of the last page loaded, so the exports write the rows in the order the reader sees. */
    private String sort;

    private boolean ascending;

    ChurnRowsModel(long runId, Source<Criteria> criteria, Source<Long> total) {
        this.runId = runId;
        this.criteria = criteria;
        this.total = total;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, total.get());
    }

    @Override
    public List<Row> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        SortMeta meta =
                sortBy.values().stream().filter(SortMeta::isActive).findFirst().orElse(null);
        sort = meta == null ? null : meta.getField();
        ascending = meta != null && meta.getOrder() != SortOrder.DESCENDING;
        try {
            return CDI.current()
                    .select(ChurnWatch.class)
                    .get()
                    .page(runId, criteria.get(), sort, ascending, first, pageSize);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the churn watch failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String getRowKey(Row row) {
        return row.customerId();
    }

    @Override
    public Row getRowData(String rowKey) {
        List<Row> shown = getWrappedData();
        return shown == null
                ? null
                : shown.stream()
                        .filter(r -> r.customerId().equals(rowKey))
                        .findFirst()
                        .orElse(null);
    }

    String sort() {
        return sort;
    }

    boolean ascending() {
        return ascending;
    }
}
