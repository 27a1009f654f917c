package dev.rfm.analytics.segment;

import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.value.AbcClass;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A custom segment rule's conditions as readable text, one {@code key=value} per line: how rules are stored and how
 * the API takes them. Ranges are {@code min..max} with either end left open ({@code 4..}, {@code ..90}); sets are
 * comma-separated names.
 *
 * <p>Keys: {@code rScore}, {@code fScore}, {@code mScore} (scores), {@code recencyDays}, {@code frequency},
 * {@code monetary} (raw metrics), {@code pAlive}, {@code predictedClv}, {@code stages} (e.g. {@code ACTIVE,NEW}),
 * {@code abc} (e.g. {@code A,B}). Example: {@code rScore=4..5} and {@code monetary=500..}.
 */
public final class CustomRuleText {

    private CustomRuleText() {}

    public static CustomSegmentRule decode(SegmentDefinition definition, String conditions) {
        CustomSegmentRule.Builder rule = CustomSegmentRule.builder(definition);
        List<String> problems = new ArrayList<>();
        String[] lines = conditions == null ? new String[0] : conditions.split("\\R|;");
        for (String raw : lines) {
            String line = raw.trim();
            if (line.isEmpty()) continue;
            int eq = line.indexOf('=');
            if (eq < 1) {
                problems.add("'" + line + "' is not key=value");
                continue;
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            try {
                apply(rule, key, value);
            } catch (RuntimeException e) {
                problems.add(key + ": " + e.getMessage());
            }
        }
        try {
            CustomSegmentRule built = rule.build(); // checks the ranges against each other and the score scale
            if (problems.isEmpty()) return built;
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        throw new IllegalArgumentException(
                "Rule " + definition.code() + " has invalid conditions: " + String.join("; ", problems));
    }

    private static void apply(CustomSegmentRule.Builder rule, String key, String value) {
        switch (key) {
            case "rScore" -> rule.recencyScore(range(value, ConditionNumber.SCORE));
            case "fScore" -> rule.frequencyScore(range(value, ConditionNumber.SCORE));
            case "mScore" -> rule.monetaryScore(range(value, ConditionNumber.SCORE));
            case "recencyDays" -> rule.recencyDays(range(value, ConditionNumber.COUNT));
            case "frequency" -> rule.frequency(range(value, ConditionNumber.COUNT));
            case "monetary" -> rule.monetary(range(value, ConditionNumber.MONEY));
            case "pAlive" -> rule.probabilityAlive(range(value, ConditionNumber.PROBABILITY));
            case "predictedClv" -> rule.predictedClv(range(value, ConditionNumber.MONEY));
            case "stages" -> rule.stages(names(value, LifecycleStage.class));
            case "abc" -> rule.abcClasses(names(value, AbcClass.class));
            default ->
                throw new IllegalArgumentException("unknown condition (use rScore, fScore, mScore, recencyDays,"
                        + " frequency, monetary, pAlive, predictedClv, stages, abc)");
        }
    }

    /** A range's ends are checked as text by {@code format} before any {@link BigDecimal} is made of them. */
    static Range range(String text, ConditionNumber format) {
        int dots = text.indexOf("..");
        if (dots < 0) {
            BigDecimal exact = format.parse(text);
            return new Range(exact, exact);
        }
        String min = text.substring(0, dots).trim();
        String max = text.substring(dots + 2).trim();
        return new Range(min.isEmpty() ? null : format.parse(min), max.isEmpty() ? null : format.parse(max));
    }

    private static <E extends Enum<E>> Set<E> names(String text, Class<E> type) {
        Set<E> values = EnumSet.noneOf(type);
        for (String name : text.split("\\s*,\\s*")) {
            if (name.isBlank()) continue;
            try {
                values.add(Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "'" + name + "' is not one of " + Arrays.toString(type.getEnumConstants()));
            }
        }
        return values;
    }

    /** The conditions of a rule as text; {@link #decode} reads it back to an equal rule. */
    public static String encode(CustomSegmentRule rule) {
        Map<String, String> lines = new LinkedHashMap<>();
        put(lines, "rScore", rule.recencyScore());
        put(lines, "fScore", rule.frequencyScore());
        put(lines, "mScore", rule.monetaryScore());
        put(lines, "recencyDays", rule.recencyDays());
        put(lines, "frequency", rule.frequency());
        put(lines, "monetary", rule.monetary());
        put(lines, "pAlive", rule.probabilityAlive());
        put(lines, "predictedClv", rule.predictedClv());
        if (!rule.stages().isEmpty()) {
            lines.put("stages", rule.stages().stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        if (!rule.abcClasses().isEmpty()) {
            lines.put("abc", rule.abcClasses().stream().map(Enum::name).collect(Collectors.joining(",")));
        }
        return lines.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static void put(Map<String, String> lines, String key, Range range) {
        if (range.isAny()) return;
        lines.put(
                key,
                (range.min() == null ? "" : range.min().toPlainString()) + ".."
                        + (range.max() == null ? "" : range.max().toPlainString()));
    }
}
