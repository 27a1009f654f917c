package dev.rfm.web.settings;

import dev.rfm.analytics.clv.ModelTimeUnit;
import dev.rfm.analytics.profile.DimensionRule;
import dev.rfm.analytics.profile.LifecycleRule;
import dev.rfm.analytics.profile.MonetaryBasis;
import dev.rfm.analytics.profile.ScoringProfile;
import dev.rfm.analytics.scoring.BinningMethod;
import dev.rfm.analytics.scoring.Dimension;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The fields of the Settings form, as typed (text, so that a wrong entry can be named in the user's language), and
 * their conversion into a {@link ScoringProfile}. The rules are the profile's own ({@link
 * ScoringProfile.Builder#problems()}); this class only reads which field each problem names and turns it into a
 * message key of {@code messages*.properties} with its arguments.
 */
public class ProfileForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A problem of one field: a message key under {@code settings.invalid.} and its arguments. */
    public record Problem(String key, List<Object> arguments) implements Serializable {
        static Problem of(String key, Object... arguments) {
            return new Problem(key, List.of(arguments));
        }
    }

    /** The form's fields in the order of the page; also the components' ids. */
    public static final List<String> FIELDS = List.of(
            "name",
            "windowMonths",
            "bins",
            "recencyThresholds",
            "frequencyThresholds",
            "monetaryThresholds",
            "monetaryBasis",
            "newWindowDays",
            "dormantDays",
            "lostDays",
            "clvHorizonMonths",
            "margin",
            "annualDiscountRate");

    private String name;
    private String windowMonths;
    private String bins;
    private BinningMethod recencyMethod;
    private String recencyThresholds;
    private BinningMethod frequencyMethod;
    private String frequencyThresholds;
    private BinningMethod monetaryMethod;
    private String monetaryThresholds;
    private MonetaryBasis monetaryBasis;
    private String newWindowDays;
    private boolean lifecycleDerived;
    private String dormantDays;
    private String lostDays;
    private String clvHorizonMonths;
    private String margin;
    private String annualDiscountRate;
    private ModelTimeUnit modelTimeUnit;

    /** The form filled with a profile's settings. */
    public static ProfileForm of(ScoringProfile p) {
        ProfileForm f = new ProfileForm();
        f.name = p.name();
        f.windowMonths = Integer.toString(p.windowMonths());
        f.bins = Integer.toString(p.bins());
        f.recencyMethod = p.rule(Dimension.RECENCY).method();
        f.recencyThresholds = thresholds(p.rule(Dimension.RECENCY));
        f.frequencyMethod = p.rule(Dimension.FREQUENCY).method();
        f.frequencyThresholds = thresholds(p.rule(Dimension.FREQUENCY));
        f.monetaryMethod = p.rule(Dimension.MONETARY).method();
        f.monetaryThresholds = thresholds(p.rule(Dimension.MONETARY));
        f.monetaryBasis = p.monetaryBasis();
        f.newWindowDays = Integer.toString(p.newWindowDays());
        LifecycleRule lifecycle = p.lifecycle();
        f.lifecycleDerived = lifecycle.derived();
        f.dormantDays = lifecycle.derived() ? "" : Integer.toString(lifecycle.dormantDays());
        f.lostDays = lifecycle.derived() ? "" : Integer.toString(lifecycle.lostDays());
        f.clvHorizonMonths = Integer.toString(p.clvHorizonMonths());
        f.margin = p.margin().toPlainString();
        f.annualDiscountRate = p.annualDiscountRate().toPlainString();
        f.modelTimeUnit = p.modelTimeUnit();
        return f;
    }

    private static String thresholds(DimensionRule rule) {
        return rule.thresholds().stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", "));
    }

    /** The result of reading the form: a profile, or the problems by field (never both). */
    public record Outcome(Optional<ScoringProfile> profile, Map<String, Problem> problems) {}

    /** Reads the form through the profile's own validation. */
    public Outcome read() {
        Map<String, Problem> problems = new LinkedHashMap<>();
        ScoringProfile.Builder b = ScoringProfile.builder();
        b.name(name == null ? null : name.strip());
        b.windowMonths(whole("windowMonths", windowMonths, problems));
        b.bins(whole("bins", bins, problems));
        b.recency(rule("recencyThresholds", recencyMethod, recencyThresholds, problems));
        b.frequency(rule("frequencyThresholds", frequencyMethod, frequencyThresholds, problems));
        b.monetary(rule("monetaryThresholds", monetaryMethod, monetaryThresholds, problems));
        b.monetaryBasis(monetaryBasis);
        b.newWindowDays(whole("newWindowDays", newWindowDays, problems));
        if (lifecycleDerived) {
            b.lifecycle(LifecycleRule.derivedFromData());
        } else {
            b.lifecycle(LifecycleRule.fixed(
                    whole("dormantDays", dormantDays, problems), whole("lostDays", lostDays, problems)));
        }
        b.clvHorizonMonths(whole("clvHorizonMonths", clvHorizonMonths, problems));
        b.margin(decimal("margin", margin, problems));
        b.annualDiscountRate(decimal("annualDiscountRate", annualDiscountRate, problems));
        b.modelTimeUnit(modelTimeUnit);
        for (String problem : b.problems()) {
            Map.Entry<String, Problem> mapped = map(problem);
            problems.putIfAbsent(mapped.getKey(), mapped.getValue());
        }
        return problems.isEmpty()
                ? new Outcome(Optional.of(b.build()), Map.of())
                : new Outcome(Optional.empty(), Map.copyOf(problems));
    }

    /** Which field a problem of {@link ScoringProfile.Builder#problems()} names, and the message for it. */
    static Map.Entry<String, Problem> map(String problem) {
        for (Dimension d : Dimension.values()) {
            String prefix = d.name().toLowerCase() + " thresholds ";
            if (problem.startsWith(prefix)) {
                String field = d.name().toLowerCase() + "Thresholds";
                String rest = problem.substring(prefix.length());
                if (rest.startsWith("must have bins - 1 = ")) {
                    String count =
                            rest.substring("must have bins - 1 = ".length()).split(" ")[0];
                    return Map.entry(field, Problem.of("thresholdCount", Integer.parseInt(count)));
                }
                if (rest.contains("decimals")) {
                    return Map.entry(
                            field,
                            d.decimalScale() == 0
                                    ? Problem.of("thresholdWhole")
                                    : Problem.of("thresholdDecimals", d.decimalScale()));
                }
                if (rest.contains("negative")) return Map.entry(field, Problem.of("thresholdNegative"));
                if (rest.contains("ascend")) return Map.entry(field, Problem.of("thresholdAscending"));
                return Map.entry(field, Problem.of("general", problem));
            }
        }
        for (String field : FIELDS) {
            if (problem.startsWith(field + " ")) return Map.entry(field, Problem.of(field));
        }
        return Map.entry("general", Problem.of("general", problem));
    }

    private static int whole(String field, String text, Map<String, Problem> problems) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            problems.put(field, Problem.of("wholeNumber"));
            return 0;
        }
    }

    private static String decimal(String field, String text, Map<String, Problem> problems) {
        String value = text == null ? "" : text.strip();
        try {
            new BigDecimal(value);
            return value;
        } catch (NumberFormatException e) {
            problems.put(field, Problem.of("number"));
            return null;
        }
    }

    private static DimensionRule rule(
            String field, BinningMethod method, String thresholds, Map<String, Problem> problems) {
        if (method != BinningMethod.FIXED) return DimensionRule.quantile();
        String[] values = thresholds == null || thresholds.isBlank()
                ? new String[0]
                : Arrays.stream(thresholds.split("[,;\\s]+"))
                        .filter(s -> !s.isEmpty())
                        .toArray(String[]::new);
        try {
            return DimensionRule.fixed(values);
        } catch (NumberFormatException e) {
            problems.put(field, Problem.of("thresholdNumber"));
            return DimensionRule.quantile();
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getWindowMonths() {
        return windowMonths;
    }

    public void setWindowMonths(String windowMonths) {
        this.windowMonths = windowMonths;
    }

    public String getBins() {
        return bins;
    }

    public void setBins(String bins) {
        this.bins = bins;
    }

    public BinningMethod getRecencyMethod() {
        return recencyMethod;
    }

    public void setRecencyMethod(BinningMethod recencyMethod) {
        this.recencyMethod = recencyMethod;
    }

    public String getRecencyThresholds() {
        return recencyThresholds;
    }

    public void setRecencyThresholds(String recencyThresholds) {
        this.recencyThresholds = recencyThresholds;
    }

    public BinningMethod getFrequencyMethod() {
        return frequencyMethod;
    }

    public void setFrequencyMethod(BinningMethod frequencyMethod) {
        this.frequencyMethod = frequencyMethod;
    }

    public String getFrequencyThresholds() {
        return frequencyThresholds;
    }

    public void setFrequencyThresholds(String frequencyThresholds) {
        this.frequencyThresholds = frequencyThresholds;
    }

    public BinningMethod getMonetaryMethod() {
        return monetaryMethod;
    }

    public void setMonetaryMethod(BinningMethod monetaryMethod) {
        this.monetaryMethod = monetaryMethod;
    }

    public String getMonetaryThresholds() {
        return monetaryThresholds;
    }

    public void setMonetaryThresholds(String monetaryThresholds) {
        this.monetaryThresholds = monetaryThresholds;
    }

    public MonetaryBasis getMonetaryBasis() {
        return monetaryBasis;
    }

    public void setMonetaryBasis(MonetaryBasis monetaryBasis) {
        this.monetaryBasis = monetaryBasis;
    }

    public String getNewWindowDays() {
        return newWindowDays;
    }

    public void setNewWindowDays(String newWindowDays) {
        this.newWindowDays = newWindowDays;
    }

    public boolean isLifecycleDerived() {
        return lifecycleDerived;
    }

    public void setLifecycleDerived(boolean lifecycleDerived) {
        this.lifecycleDerived = lifecycleDerived;
    }

    public String getDormantDays() {
        return dormantDays;
    }

    public void setDormantDays(String dormantDays) {
        this.dormantDays = dormantDays;
    }

    public String getLostDays() {
        return lostDays;
    }

    public void setLostDays(String lostDays) {
        this.lostDays = lostDays;
    }

    public String getClvHorizonMonths() {
        return clvHorizonMonths;
    }

    public void setClvHorizonMonths(String clvHorizonMonths) {
        this.clvHorizonMonths = clvHorizonMonths;
    }

    public String getMargin() {
        return margin;
    }

    public void setMargin(String margin) {
        this.margin = margin;
    }

    public String getAnnualDiscountRate() {
        return annualDiscountRate;
    }

    public void setAnnualDiscountRate(String annualDiscountRate) {
        this.annualDiscountRate = annualDiscountRate;
    }

    public ModelTimeUnit getModelTimeUnit() {
        return modelTimeUnit;
    }

    public void setModelTimeUnit(ModelTimeUnit modelTimeUnit) {
        this.modelTimeUnit = modelTimeUnit;
    }
}
