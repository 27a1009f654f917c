package dev.rfm.web.churn;

import dev.rfm.domain.snapshot.ChurnWatch.Criteria;
import dev.rfm.domain.snapshot.ChurnWatch.Row;
import dev.rfm.web.snapshot.PagedRows;
import jakarta.enterprise.inject.spi.CDI;
import java.io.Serializable;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Churn watch table's rows, by value at stake (descending) until the reader sorts by another column. The count
 * is the page's, computed once per criteria.
 */
class ChurnRowsModel extends PagedRows<Row> {

    private static final long serialVersionUID = 1L;

    interface Source<T> extends Supplier<T>, Serializable {}

    private final long runId;
    private final Source<Criteria> criteria;
    private final Source<Long> total;

    ChurnRowsModel(long runId, Source<Criteria> criteria, Source<Long> total) {
        super(false);
        this.runId = runId;
        this.criteria = criteria;
        this.total = total;
    }

    @Override
    protected long total() {
        return total.get();
    }

    @Override
    protected List<Row> page(String sort, boolean ascending, int first, int pageSize) {
        return CDI.current()
                .select(RememberedChurnWatch.class)
                .get()
                .page(runId, criteria.get(), sort, ascending, first, pageSize);
    }

    @Override
    protected String customerId(Row row) {
        return row.customerId();
    }
}
