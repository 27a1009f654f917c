package dev.rfm.web.snapshot;

import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * A table of customers read one SQL page per request, sorted by the column the reader chose; rows are known by
 * customer id. It remembers the last sort so that an export writes the rows in the order the reader sees.
 */
public abstract class PagedRows<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

    private final boolean ascendingUnsorted;
    private String sort;
    private boolean ascending;

    /** @param ascendingUnsorted the direction passed on while no column is sorted (the list's own order) */
    protected PagedRows(boolean ascendingUnsorted) {
        this.ascendingUnsorted = ascendingUnsorted;
        this.ascending = ascendingUnsorted;
    }

    /** How many rows the table has in all. */
    protected abstract long total();

    /** One page in the given order; {@code sort} null for the list's own order. */
    protected abstract List<T> page(String sort, boolean ascending, int first, int pageSize);

    /** The id a row is known by. */
    protected abstract String customerId(T row);

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, total());
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        SortMeta meta =
                sortBy.values().stream().filter(SortMeta::isActive).findFirst().orElse(null);
        sort = meta == null ? null : meta.getField();
        ascending = meta == null ? ascendingUnsorted : meta.getOrder() != SortOrder.DESCENDING;
        return page(sort, ascending, first, pageSize);
    }

    @Override
    public String getRowKey(T row) {
        return customerId(row);
    }

    @Override
    public T getRowData(String rowKey) {
        List<T> shown = getWrappedData();
        return shown == null
                ? null
                : shown.stream()
                        .filter(r -> customerId(r).equals(rowKey))
                        .findFirst()
                        .orElse(null);
    }

    public String sort() {
        return sort;
    }

    public boolean ascending() {
        return ascending;
    }
}
