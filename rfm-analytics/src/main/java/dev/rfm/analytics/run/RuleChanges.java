package dev.rfm.analytics.run;

import dev.rfm.analytics.run.CustomSegments.RuleText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed between two versions of the custom rules, in words for the audit trail: rules added, removed, edited
 * (naming the fields) and moved, one line each, by code. Codes are unique within a version, so a rule is the same
 * rule when its code is.
 *
 * <p>Usage: {@code RuleChanges.describe(storedRules, newRules)} gives e.g. {@code ["added BIG (position 3)",
 * "edited VIP: conditions, actionEn", "moved LAPSED from 1 to 2"]}; an empty list when nothing changed.
 */
public final class RuleChanges {

    private static final Map<String, Function<RuleText, String>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("nameEn", RuleText::nameEn);
        FIELDS.put("nameZh", RuleText::nameZh);
        FIELDS.put("actionEn", RuleText::actionEn);
        FIELDS.put("actionZh", RuleText::actionZh);
        FIELDS.put("conditions", RuleText::conditions);
    }

    private RuleChanges() {}

    public static List<String> describe(List<RuleText> before, List<RuleText> after) {
        Map<String, Integer> oldPositions = positions(before);
        Map<String, Integer> newPositions = positions(after);
        List<String> changes = new ArrayList<>();
        for (RuleText rule : before) {
            if (!newPositions.containsKey(rule.code())) changes.add("removed " + rule.code());
        }
        // the kept rules in their old order, without the removed ones: a rule moved only when this order changed
        List<String> keptBefore = before.stream()
                .map(RuleText::code)
                .filter(newPositions::containsKey)
                .toList();
        List<String> keptAfter = after.stream()
                .map(RuleText::code)
                .filter(oldPositions::containsKey)
                .toList();
        for (int i = 0; i < after.size(); i++) {
            RuleText rule = after.get(i);
            Integer old = oldPositions.get(rule.code());
            if (old == null) {
                changes.add("added " + rule.code() + " (position " + (i + 1) + ")");
                continue;
            }
            List<String> edited = new ArrayList<>();
            RuleText previous = before.get(old);
            FIELDS.forEach((name, field) -> {
                if (!Objects.equals(blankAsNull(field.apply(previous)), blankAsNull(field.apply(rule)))) {
                    edited.add(name);
                }
            });
            if (!edited.isEmpty()) changes.add("edited " + rule.code() + ": " + String.join(", ", edited));
            if (keptBefore.indexOf(rule.code()) != keptAfter.indexOf(rule.code())) {
                changes.add("moved " + rule.code() + " from " + (old + 1) + " to " + (i + 1));
            }
        }
        return changes;
    }

    private static Map<String, Integer> positions(List<RuleText> rules) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) positions.put(rules.get(i).code(), i);
        return positions;
    }

    /** An empty text and no text are the same to users: the defaults fill both. */
    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
