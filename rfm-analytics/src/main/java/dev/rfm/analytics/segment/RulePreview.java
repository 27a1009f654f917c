package dev.rfm.analytics.segment;

import java.util.List;

/**
 * How many customers each custom rule would take (first match wins), shown in the rule editor
 * before the rules are saved.
 *
 * @param entries one per rule in order, then Other
 * @param scoredCustomers all customers the rules were applied to; the entries sum to it
 */
public record RulePreview(List<Entry> entries, long scoredCustomers) {

    /** Copies the entries. */
    public RulePreview {
        entries = List.copyOf(entries);
    }

    /**
     * @param code the rule's segment code
     * @param name the rule's English name
     * @param customers customers the rule would take
     */
    public record Entry(String code, String name, long customers) {}
}
