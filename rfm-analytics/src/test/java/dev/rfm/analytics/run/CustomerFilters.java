package dev.rfm.analytics.run;

import dev.rfm.domain.snapshot.CustomerFilter;

/** The filters the customer-list tests and benchmark ask with: a search, a segment, a stage and a class, no ranges. */
final class CustomerFilters {

    private CustomerFilters() {}

    static CustomerFilter filter(String search, String scheme, String segment, String stage, String abc) {
        return new CustomerFilter(
                search, scheme, segment, stage, abc, null, null, null, null, null, null, null, null, null, null);
    }
}
