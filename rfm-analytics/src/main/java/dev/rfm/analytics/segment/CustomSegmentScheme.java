package dev.rfm.analytics.segment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code custom} scheme: an ordered list of user rules. A scored customer belongs to the first
 * rule it matches; customers matching none fall into {@link #OTHER} (code {@code OTHER}).
 *
 * <p>Usage: {@code int segment = scheme.assign(facts, i)} gives the rule's index, or {@link
 * #otherIndex()}; {@link #preview(CustomerFacts)} counts what each rule would take before the
 * rules are saved.
 */
public final class CustomSegmentScheme {

    /** Where unmatched customers go. */
    public static final SegmentDefinition OTHER = new SegmentDefinition(
            "OTHER",
            "Other",
            "其他",
            "Scored customers that match none of the custom rules",
            "未匹配任何自定义规则的已评分客户",
            "Review the rules, or treat with the standard segment's action",
            "检查规则，或按标准分群的建议处理");

    /** Most rules a scheme may have. */
    public static final int MAX_RULES = 100;

    private static final CustomSegmentScheme NONE = new CustomSegmentScheme(List.of());

    private final List<CustomSegmentRule> rules;

    private CustomSegmentScheme(List<CustomSegmentRule> rules) {
        this.rules = rules;
    }

    /**
     * @param rules in order of priority; codes unique and not {@code OTHER}
     */
    public static CustomSegmentScheme of(List<CustomSegmentRule> rules) {
        Objects.requireNonNull(rules, "rules must not be null");
        if (rules.size() > MAX_RULES) {
            throw new IllegalArgumentException("rules must be at most " + MAX_RULES + ", were " + rules.size());
        }
        Set<String> codes = new HashSet<>();
        for (CustomSegmentRule rule : rules) {
            String code = Objects.requireNonNull(rule, "rules must not contain null")
                    .definition()
                    .code();
            if (code.equals(OTHER.code())) {
                throw new IllegalArgumentException("rules must not use the reserved code OTHER");
            }
            if (!codes.add(code)) {
                throw new IllegalArgumentException("rules must have unique codes, " + code + " repeats");
            }
        }
        return new CustomSegmentScheme(List.copyOf(rules));
    }

    /** A scheme without rules: every scored customer is Other. */
    public static CustomSegmentScheme none() {
        return NONE;
    }

    public List<CustomSegmentRule> rules() {
        return rules;
    }

    /** Index of the Other segment: the number of rules. */
    public int otherIndex() {
        return rules.size();
    }

    /** The definitions in order: one per rule, then Other. */
    public List<SegmentDefinition> definitions() {
        List<SegmentDefinition> list = new ArrayList<>(rules.size() + 1);
        rules.forEach(rule -> list.add(rule.definition()));
        list.add(OTHER);
        return List.copyOf(list);
    }

    /**
     * The segment index of customer {@code i}: the first matching rule, or {@link #otherIndex()}.
     * Meaningful for scored customers only.
     */
    public int assign(CustomerFacts facts, int i) {
        for (int k = 0; k < rules.size(); k++) {
            if (rules.get(k).matches(facts, i)) {
                return k;
            }
        }
        return rules.size();
    }

    /** How many scored customers each rule (first match wins) and Other would take. */
    public RulePreview preview(CustomerFacts facts) {
        long[] counts = new long[rules.size() + 1];
        long scored = 0;
        for (int i = 0; i < facts.size(); i++) {
            if (facts.scored(i)) {
                counts[assign(facts, i)]++;
                scored++;
            }
        }
        List<RulePreview.Entry> entries = new ArrayList<>(counts.length);
        List<SegmentDefinition> definitions = definitions();
        for (int k = 0; k < counts.length; k++) {
            entries.add(new RulePreview.Entry(
                    definitions.get(k).code(), definitions.get(k).nameEn(), counts[k]));
        }
        return new RulePreview(entries, scored);
    }
}
