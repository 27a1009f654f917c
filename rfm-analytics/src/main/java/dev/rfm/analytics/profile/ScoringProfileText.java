package dev.rfm.analytics.profile;

import dev.rfm.analytics.clv.ModelTimeUnit;
import dev.rfm.analytics.scoring.BinningMethod;
import dev.rfm.analytics.scoring.Dimension;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A scoring profile as readable {@code key=value} lines: how profiles are stored (with each run, so a run can always
 * say which settings it used) and how administrators can read them. Decoding goes through the profile's own
 * validation, so a stored profile can never bypass it.
 *
 * <p>Example: {@code name=RETAIL}, {@code bins=5}, {@code frequency=FIXED:1,2,3,5}, {@code lifecycle=DERIVED} or
 * {@code lifecycle=FIXED:180,365}.
 */
public final class ScoringProfileText {

    private ScoringProfileText() {}

    public static String encode(ScoringProfile profile) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("name", profile.name());
        lines.put("windowMonths", Integer.toString(profile.windowMonths()));
        lines.put("bins", Integer.toString(profile.bins()));
        lines.put("recency", rule(profile.rule(Dimension.RECENCY)));
        lines.put("frequency", rule(profile.rule(Dimension.FREQUENCY)));
        lines.put("monetary", rule(profile.rule(Dimension.MONETARY)));
        lines.put("monetaryBasis", profile.monetaryBasis().name());
        lines.put("newWindowDays", Integer.toString(profile.newWindowDays()));
        LifecycleRule lifecycle = profile.lifecycle();
        lines.put(
                "lifecycle",
                lifecycle.derived() ? "DERIVED" : "FIXED:" + lifecycle.dormantDays() + "," + lifecycle.lostDays());
        lines.put("clvHorizonMonths", Integer.toString(profile.clvHorizonMonths()));
        lines.put("margin", profile.margin().toPlainString());
        lines.put("annualDiscountRate", profile.annualDiscountRate().toPlainString());
        lines.put("modelTimeUnit", profile.modelTimeUnit().name());
        return lines.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static String rule(DimensionRule rule) {
        if (rule.method() == BinningMethod.QUANTILE) return "QUANTILE";
        return "FIXED:"
                + rule.thresholds().stream().map(BigDecimal::toPlainString).collect(Collectors.joining(","));
    }

    /**
     * Reads a profile; keys left out keep the defaults of the RETAIL preset.
     *
     * @throws IllegalArgumentException naming every line and field that is wrong
     */
    public static ScoringProfile decode(String text) {
        ScoringProfile.Builder builder = ScoringProfile.builder();
        List<String> problems = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            if (eq < 1) {
                problems.add("line " + (i + 1) + ": expected key=value, got '" + line + "'");
                continue;
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            try {
                apply(builder, key, value);
            } catch (RuntimeException e) {
                problems.add("line " + (i + 1) + " (" + key + "): " + e.getMessage());
            }
        }
        problems.addAll(builder.problems());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid scoring profile: " + String.join("; ", problems));
        }
        return builder.build();
    }

    private static void apply(ScoringProfile.Builder builder, String key, String value) {
        switch (key) {
            case "name" -> builder.name(value);
            case "windowMonths" -> builder.windowMonths(Integer.parseInt(value));
            case "bins" -> builder.bins(Integer.parseInt(value));
            case "recency" -> builder.recency(parseRule(value));
            case "frequency" -> builder.frequency(parseRule(value));
            case "monetary" -> builder.monetary(parseRule(value));
            case "monetaryBasis" -> builder.monetaryBasis(MonetaryBasis.valueOf(value.toUpperCase(Locale.ROOT)));
            case "newWindowDays" -> builder.newWindowDays(Integer.parseInt(value));
            case "lifecycle" -> builder.lifecycle(parseLifecycle(value));
            case "clvHorizonMonths" -> builder.clvHorizonMonths(Integer.parseInt(value));
            case "margin" -> builder.margin(value);
            case "annualDiscountRate" -> builder.annualDiscountRate(value);
            case "modelTimeUnit" -> builder.modelTimeUnit(ModelTimeUnit.valueOf(value.toUpperCase(Locale.ROOT)));
            default -> throw new IllegalArgumentException("unknown setting");
        }
    }

    private static DimensionRule parseRule(String value) {
        if (value.equalsIgnoreCase("QUANTILE")) return DimensionRule.quantile();
        if (value.regionMatches(true, 0, "FIXED:", 0, 6)) {
            return DimensionRule.fixed(value.substring(6).split("\\s*,\\s*"));
        }
        throw new IllegalArgumentException("use QUANTILE or FIXED:t1,t2,... (was '" + value + "')");
    }

    private static LifecycleRule parseLifecycle(String value) {
        if (value.equalsIgnoreCase("DERIVED")) return LifecycleRule.derivedFromData();
        if (value.regionMatches(true, 0, "FIXED:", 0, 6)) {
            String[] days = value.substring(6).split("\\s*,\\s*");
            if (days.length != 2) throw new IllegalArgumentException("use FIXED:dormantDays,lostDays");
            return LifecycleRule.fixed(Integer.parseInt(days[0]), Integer.parseInt(days[1]));
        }
        throw new IllegalArgumentException("use DERIVED or FIXED:dormantDays,lostDays (was '" + value + "')");
    }
}
