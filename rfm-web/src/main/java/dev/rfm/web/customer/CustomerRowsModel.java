package dev.rfm.web.customer;

import dev.rfm.domain.snapshot.CustomerFilter;
import dev.rfm.domain.snapshot.CustomerResult;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The Customers table's rows: one SQL page per request, sorted by the column the reader chose, counted once per
 * filter. The filter comes from the page's form, not from column filters.
 */
class CustomerRowsModel extends LazyDataModel<CustomerResult> {

    private static final long serialVersionUID = 1L;

    private final long runId;
    private final Supplier<CustomerFilter> filter;

    /** The sort of the last page loaded, so the export writes the rows in the order the reader sees. */
    private String sort;

    private boolean ascending;

    CustomerRowsModel(long runId, SerializableFilter filter) {
        this.runId = runId;
        this.filter = filter;
    }

    interface SerializableFilter extends Supplier<CustomerFilter>, java.io.Serializable {}

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, directory().count(runId, filter.get()));
    }

    @Override
    public List<CustomerResult> load(
            int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        SortMeta meta =
                sortBy.values().stream().filter(SortMeta::isActive).findFirst().orElse(null);
        sort = meta == null ? null : meta.getField();
        ascending = meta == null || meta.getOrder() != SortOrder.DESCENDING;
        return directory().page(runId, filter.get(), sort, ascending, first, pageSize);
    }

    @Override
    public String getRowKey(CustomerResult row) {
        return row.customerId();
    }

    @Override
    public CustomerResult getRowData(String rowKey) {
        List<CustomerResult> shown = getWrappedData();
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

    private static CustomerDirectory directory() {
        return CDI.current().select(CustomerDirectory.class).get();
    }
}
