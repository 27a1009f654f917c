package dev.rfm.web.customer;

import dev.rfm.analytics.segment.StandardSegment;
import dev.rfm.domain.snapshot.CustomerList;
import dev.rfm.domain.snapshot.CustomerList.Order;
import dev.rfm.domain.snapshot.CustomerList.Profile;
import dev.rfm.domain.snapshot.CustomerList.RunScores;
import dev.rfm.domain.snapshot.CustomerResult;
import dev.rfm.domain.snapshot.RunRules;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.web.i18n.LanguageBacking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Backs {@code customer.xhtml?id=} (every role): one customer's profile, orders (paged), scores across the runs, the
 * model's outlook and why the customer is in its segment in the current run.
 */
@Named
@ViewScoped
public class CustomerBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How many runs the history shows. */
    static final int HISTORY_RUNS = 12;

    @Inject
    Snapshots snapshots;

    @Inject
    CustomerDirectory directory;

    @Inject
    LanguageBacking language;

    private Profile profile;
    private CustomerResult current;
    private List<RunScores> history = List.of();
    private List<Reason> reasons = List.of();
    private String segmentRule;
    private String customRule;
    private String lifecycleThresholds;
    private OrdersModel orders;

    /** One dimension of the score: the customer's value, its score and the run's cut points for it. */
    public record Reason(String dimension, String value, Integer score, String cutPoints) implements Serializable {}

    @PostConstruct
    void load() {
        CustomerDirectory.unchecked(() -> {
            prepare();
            return null;
        });
    }

    private void prepare() throws SQLException {
        String id = FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestParameterMap()
                .get("id");
        if (id == null || id.isBlank()) return;
        CustomerList list = directory.list();
        profile = list.profile(id.strip()).orElse(null);
        if (profile == null) return;
        orders = new OrdersModel(profile.key(), profile.orders());
        history = list.history(profile.key(), HISTORY_RUNS);
        OptionalLong run = snapshots.currentRunId();
        if (run.isEmpty()) return;
        current = snapshots.customer(run.getAsLong(), profile.customerId()).orElse(null);
        if (current == null) return;
        RunRules rules = snapshots.rules(run.getAsLong()).orElse(RunRules.NONE);
        reasons = reasons(current, rules.cutPoints());
        lifecycleThresholds = rules.lifecycleThresholds();
        segmentRule = standardRule(current);
        if (current.segmentCustom() != null) {
            customRule = rules.conditionsOf(current.segmentCustom()).orElse(null);
        }
    }

    /** Pairs the customer's R, F and M with the run's stored cut points ({@code recency=METHOD:b1,b2,...; ...}). */
    static List<Reason> reasons(CustomerResult c, String cutPoints) {
        Map<String, String> byDimension = new java.util.HashMap<>();
        if (cutPoints != null) {
            for (String part : cutPoints.split(";")) {
                String[] kv = part.strip().split("=", 2);
                if (kv.length == 2) byDimension.put(kv[0].strip(), kv[1].strip().replace(",", ", "));
            }
        }
        List<Reason> reasons = new ArrayList<>();
        reasons.add(new Reason(
                "recency",
                c.recencyDays() == null ? "—" : String.valueOf(c.recencyDays()),
                c.r(),
                byDimension.getOrDefault("recency", "—")));
        reasons.add(new Reason(
                "frequency", String.valueOf(c.frequency()), c.f(), byDimension.getOrDefault("frequency", "—")));
        reasons.add(
                new Reason("monetary", c.monetary().toPlainString(), c.m(), byDimension.getOrDefault("monetary", "—")));
        return reasons;
    }

    private String standardRule(CustomerResult c) {
        if (c.segment() == null) return null;
        StandardSegment segment;
        try {
            segment = StandardSegment.valueOf(c.segment());
        } catch (IllegalArgumentException e) {
            return null;
        }
        var definition = segment.definition();
        String description = language.isChinese() ? definition.descriptionZh() : definition.descriptionEn();
        return description + " — RFM "
                + String.join(" ", segment.codes().stream().map(String::valueOf).toList());
    }

    /** The standard segment's name in the reader's language. */
    public String segmentName(String code) {
        if (code == null) return "—";
        try {
            var definition = StandardSegment.valueOf(code).definition();
            return language.isChinese() ? definition.nameZh() : definition.nameEn();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    public boolean isFound() {
        return profile != null;
    }

    public Profile getProfile() {
        return profile;
    }

    public CustomerResult getCurrent() {
        return current;
    }

    public List<RunScores> getHistory() {
        return history;
    }

    public List<Reason> getReasons() {
        return reasons;
    }

    public String getSegmentRule() {
        return segmentRule;
    }

    public String getCustomRule() {
        return customRule;
    }

    public String getLifecycleThresholds() {
        return lifecycleThresholds;
    }

    public OrdersModel getOrders() {
        return orders;
    }

    /** The customer's orders, newest first, one SQL page at a time. */
    public static class OrdersModel extends LazyDataModel<Order> {

        private static final long serialVersionUID = 1L;

        private final long customerKey;
        private final long total;

        OrdersModel(long customerKey, long total) {
            this.customerKey = customerKey;
            this.total = total;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, total);
        }

        @Override
        public List<Order> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> f) {
            CustomerDirectory directory =
                    CDI.current().select(CustomerDirectory.class).get();
            return CustomerDirectory.unchecked(() -> directory.list().orders(customerKey, first, pageSize));
        }

        @Override
        public String getRowKey(Order order) {
            return order.orderId();
        }
    }

    static List<String> split(String text) {
        return text == null ? List.of() : Arrays.asList(text.split("\n"));
    }
}
