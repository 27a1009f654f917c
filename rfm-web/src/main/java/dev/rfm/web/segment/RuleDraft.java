package dev.rfm.web.segment;

import dev.rfm.analytics.run.CustomSegments;
import dev.rfm.analytics.run.CustomSegments.RuleText;
import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A custom rule as the segment editor holds it before saving, and the check that puts each problem next to the
 * field it is about. The rules themselves are {@link CustomSegments#compile}'s: this class only decides where its
 * words go.
 */
public record RuleDraft(String code, String nameEn, String nameZh, String actionEn, String actionZh, String conditions)
        implements Serializable {

    /** The fields of the editor's form, by the names the rule texts use. */
    public static final String CODE = "code";

    public static final String CONDITIONS = "conditions";

    private static final Pattern RULE_PREFIX = Pattern.compile("^rule \\d+(?: \\([^)]*\\))?: ");
    private static final String[] TEXT_FIELDS = {"nameEn", "nameZh", "actionEn", "actionZh", CONDITIONS};

    public static RuleDraft of(RuleText rule) {
        return new RuleDraft(
                rule.code(), rule.nameEn(), rule.nameZh(), rule.actionEn(), rule.actionZh(), rule.conditions());
    }

    public RuleText toText() {
        return new RuleText(trim(code), trim(nameEn), trim(nameZh), trim(actionEn), trim(actionZh), conditions);
    }

    /**
     * What is wrong with this rule beside the others, by field; empty when it can be used.
     *
     * @param otherCodes the codes of the other rules of the list
     */
    public Map<String, String> problems(Collection<String> otherCodes) {
        Map<String, String> problems = new LinkedHashMap<>();
        RuleText text = toText();
        if (text.code() != null && otherCodes.contains(text.code())) {
            problems.put(CODE, "another rule already has the code " + text.code());
        }
        try {
            CustomSegments.compile(java.util.List.of(text));
        } catch (IllegalArgumentException e) {
            for (String problem : e.getMessage().split("; (?=rule \\d|rules )")) {
                String detail = RULE_PREFIX.matcher(problem).replaceFirst("");
                problems.putIfAbsent(fieldOf(detail), detail);
            }
        }
        return problems;
    }

    /** The form field a problem text is about; the conditions when it names none. */
    static String fieldOf(String detail) {
        if (detail.startsWith("code ") || detail.contains("reserved code") || detail.contains("unique codes")) {
            return CODE;
        }
        for (String field : TEXT_FIELDS) {
            if (detail.startsWith(field + " ")) return field;
        }
        return CONDITIONS;
    }

    private static String trim(String text) {
        return text == null ? null : text.strip();
    }
}
