package dev.rfm.domain.campaign;

import java.util.List;

/** Whom a campaign targets: a segment of a scoring run, or a list of customers the marketing team uploaded. */
public sealed interface CampaignTarget {

    /**
     * The members of a segment in a run.
     *
     * @param scheme standard, cn8, custom or lifecycle
     * @param segment the segment's code in that scheme, e.g. {@code AT_RISK}, {@code DORMANT}
     * @param runId a succeeded run; null: the current snapshot's run when the campaign is created
     */
    record Segment(String scheme, String segment, Long runId) implements CampaignTarget {

        /** The column of {@code customer_score} that holds the scheme's code. */
        public String column() {
            return switch (scheme) {
                case "standard" -> "segment_standard";
                case "cn8" -> "segment_cn8";
                case "custom" -> "segment_custom";
                case "lifecycle" -> "lifecycle_stage";
                default -> throw new IllegalStateException("unchecked scheme " + scheme);
            };
        }
    }

    /** Customers by their external id (the source system's), as uploaded. */
    record CustomerList(List<String> customerIds) implements CampaignTarget {

        public CustomerList {
            customerIds = List.copyOf(customerIds);
        }
    }
}
