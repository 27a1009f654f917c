package dev.rfm.web.customer;

import dev.rfm.domain.snapshot.CustomerFilter;
import dev.rfm.domain.snapshot.CustomerResult;
import dev.rfm.web.snapshot.PagedRows;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Customers table's rows, counted once per filter. The filter comes from the page's form, not from column
 * filters.
 */
class CustomerRowsModel extends PagedRows<CustomerResult> {

    private static final long serialVersionUID = 1L;

    private final long runId;
    private final Supplier<CustomerFilter> filter;

    CustomerRowsModel(long runId, SerializableFilter filter) {
        super(true);
        this.runId = runId;
        this.filter = filter;
    }

    interface SerializableFilter extends Supplier<CustomerFilter>, java.io.Serializable {}

    @Override
    protected long total() {
        return directory().count(runId, filter.get());
    }

    @Override
    protected List<CustomerResult> page(String sort, boolean ascending, int first, int pageSize) {
        return directory().page(runId, filter.get(), sort, ascending, first, pageSize);
    }

    @Override
    protected String customerId(CustomerResult row) {
        return row.customerId();
    }

    private static CustomerDirectory directory() {
        return CDI.current().select(CustomerDirectory.class).get();
    }
}
