package dev.rfm.domain.snapshot;

import java.util.List;
import java.util.Optional;

/**
 * The rules a run scored with, as the run stored them. The profile and the custom rules may have been edited since;
 * why a customer is in its segment, what a report prints and what a profile preview compares with are what that run
 * used.
 *
 * @param cutPoints the score cut points as text ({@code recency=METHOD:b1,b2,...; ...}); null for a run from before
 *     they were kept
 * @param lifecycleThresholds the lifecycle thresholds as text; null likewise
 * @param customRules the custom segment rules in their order; none for a run without them or from before they were
 *     kept
 */
public record RunRules(String cutPoints, String lifecycleThresholds, List<CustomRule> customRules) {

    /** What a run that is not known scored with. */
    public static final RunRules NONE = new RunRules(null, null, List.of());

    /** One custom rule as the run used it. */
    public record CustomRule(String code, String conditions) {}

    public RunRules {
        customRules = List.copyOf(customRules);
    }

    /** The conditions of the custom rule that put customers in segment {@code code}, if the run had it. */
    public Optional<String> conditionsOf(String code) {
        return customRules.stream()
                .filter(r -> r.code().equals(code))
                .map(CustomRule::conditions)
                .findFirst();
    }
}
