package dev.rfm.web.overview;

import dev.rfm.domain.customer.CustomerBase;
import dev.rfm.domain.customer.Customers;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Backs {@code index.xhtml}. */
@Named
@RequestScoped
public class OverviewBacking {

    @Inject
    Customers customers;

    private CustomerBase base;

    @PostConstruct
    void load() {
        base = customers.base();
    }

    public CustomerBase getBase() {
        return base;
    }
}
