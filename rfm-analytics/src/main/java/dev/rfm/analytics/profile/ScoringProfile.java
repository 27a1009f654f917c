package dev.rfm.analytics.profile;

import dev.rfm.analytics.clv.ClvSettings;
import dev.rfm.analytics.clv.ModelTimeUnit;
import dev.rfm.analytics.scoring.BinningMethod;
import dev.rfm.analytics.scoring.CutPoints;
import dev.rfm.analytics.scoring.Dimension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * All settings of a scoring run. Immutable; made by {@link #builder()} (defaults = the {@link
 * Preset#RETAIL} preset) or {@link Preset#profile()}, and validated as a whole: {@link
 * Builder#problems()} lists every problem with the field named (for a settings form), {@link
 * Builder#build()} throws them.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * ScoringProfile profile = Preset.RETAIL.profile().toBuilder().windowMonths(24).bins(4)
 *         .frequency(DimensionRule.fixed("1", "2", "4")).build();
 * }</pre>
 */
public final class ScoringProfile {

    private final String name;
    private final int windowMonths;
    private final int bins;
    private final DimensionRule recency;
    private final DimensionRule frequency;
    private final DimensionRule monetary;
    private final MonetaryBasis monetaryBasis;
    private final int newWindowDays;
    private final LifecycleRule lifecycle;
    private final int clvHorizonMonths;
    private final BigDecimal margin;
    private final BigDecimal annualDiscountRate;
    private final ModelTimeUnit modelTimeUnit;

    private ScoringProfile(Builder b) {
        this.name = b.name;
        this.windowMonths = b.windowMonths;
        this.bins = b.bins;
        this.recency = b.recency;
        this.frequency = b.frequency;
        this.monetary = b.monetary;
        this.monetaryBasis = b.monetaryBasis;
        this.newWindowDays = b.newWindowDays;
        this.lifecycle = b.lifecycle;
        this.clvHorizonMonths = b.clvHorizonMonths;
        this.margin = b.margin;
        this.annualDiscountRate = b.annualDiscountRate;
        this.modelTimeUnit = b.modelTimeUnit;
    }

    /** A builder with the default (RETAIL) settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder with this profile's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.windowMonths = windowMonths;
        b.bins = bins;
        b.recency = recency;
        b.frequency = frequency;
        b.monetary = monetary;
        b.monetaryBasis = monetaryBasis;
        b.newWindowDays = newWindowDays;
        b.lifecycle = lifecycle;
        b.clvHorizonMonths = clvHorizonMonths;
        b.margin = margin;
        b.annualDiscountRate = annualDiscountRate;
        b.modelTimeUnit = modelTimeUnit;
        return b;
    }

    public String name() {
        return name;
    }

    /** Analysis window in months before the reference date; 0 = all history. */
    public int windowMonths() {
        return windowMonths;
    }

    /**
     * First day of the analysis window for a reference date: {@code referenceDate - windowMonths}
     * calendar months (2024-03-31 minus 1 month = 2024-02-29), or {@code null} for all history.
     */
    public LocalDate windowStart(LocalDate referenceDate) {
        return windowMonths == 0 ? null : referenceDate.minusMonths(windowMonths);
    }

    public int bins() {
        return bins;
    }

    public DimensionRule rule(Dimension dimension) {
        return switch (dimension) {
            case RECENCY -> recency;
            case FREQUENCY -> frequency;
            case MONETARY -> monetary;
        };
    }

    /**
     * Fixed cut points of a dimension; only for {@link BinningMethod#FIXED} rules (quantile cut
     * points come from the data).
     */
    public CutPoints fixedCutPoints(Dimension dimension) {
        DimensionRule rule = rule(dimension);
        if (rule.method() != BinningMethod.FIXED) {
            throw new IllegalStateException(dimension + " is scored by quantiles");
        }
        return CutPoints.fixed(dimension, bins, rule.rawThresholds(dimension));
    }

    public MonetaryBasis monetaryBasis() {
        return monetaryBasis;
    }

    /** A customer is "new" while the first purchase is at most this many days old. */
    public int newWindowDays() {
        return newWindowDays;
    }

    public LifecycleRule lifecycle() {
        return lifecycle;
    }

    public int clvHorizonMonths() {
        return clvHorizonMonths;
    }

    /** Profit margin on revenue, in (0, 1]. */
    public BigDecimal margin() {
        return margin;
    }

    /** Annual discount rate for predicted CLV, in [0, 1). */
    public BigDecimal annualDiscountRate() {
        return annualDiscountRate;
    }

    public ModelTimeUnit modelTimeUnit() {
        return modelTimeUnit;
    }

    /** The CLV settings of this profile. */
    public ClvSettings clvSettings() {
        return new ClvSettings(clvHorizonMonths, margin.doubleValue(), annualDiscountRate.doubleValue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoringProfile p
                && name.equals(p.name)
                && windowMonths == p.windowMonths
                && bins == p.bins
                && recency.equals(p.recency)
                && frequency.equals(p.frequency)
                && monetary.equals(p.monetary)
                && monetaryBasis == p.monetaryBasis
                && newWindowDays == p.newWindowDays
                && lifecycle.equals(p.lifecycle)
                && clvHorizonMonths == p.clvHorizonMonths
                && margin.compareTo(p.margin) == 0
                && annualDiscountRate.compareTo(p.annualDiscountRate) == 0
                && modelTimeUnit == p.modelTimeUnit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, windowMonths, bins, recency, frequency, monetary, monetaryBasis, newWindowDays);
    }

    @Override
    public String toString() {
        return "ScoringProfile[" + name + ", window " + (windowMonths == 0 ? "all" : windowMonths + " months")
                + ", " + bins + " bins, R " + recency.method() + ", F " + frequency.method() + " "
                + frequency.thresholds() + ", M " + monetary.method() + " " + monetaryBasis + ", new "
                + newWindowDays + " d, lifecycle "
                + (lifecycle.derived() ? "derived" : lifecycle.dormantDays() + "/" + lifecycle.lostDays() + " d")
                + ", CLV " + clvHorizonMonths + " months, margin "
                + margin + ", discount " + annualDiscountRate + ", " + modelTimeUnit.label() + "]";
    }

    /** Collects settings; {@link #build()} validates them all at once. */
    public static final class Builder {
        private String name = "RETAIL";
        private int windowMonths = 0;
        private int bins = 5;
        private DimensionRule recency = DimensionRule.quantile();
        private DimensionRule frequency = DimensionRule.fixed("1", "2", "3", "5");
        private DimensionRule monetary = DimensionRule.quantile();
        private MonetaryBasis monetaryBasis = MonetaryBasis.TOTAL;
        private int newWindowDays = 30;
        private LifecycleRule lifecycle = LifecycleRule.derivedFromData();
        private int clvHorizonMonths = 12;
        private BigDecimal margin = new BigDecimal("0.30");
        private BigDecimal annualDiscountRate = new BigDecimal("0.10");
        private ModelTimeUnit modelTimeUnit = ModelTimeUnit.DAYS;

        private Builder() {}

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder windowMonths(int windowMonths) {
            this.windowMonths = windowMonths;
            return this;
        }

        public Builder bins(int bins) {
            this.bins = bins;
            return this;
        }

        public Builder recency(DimensionRule rule) {
            this.recency = rule;
            return this;
        }

        public Builder frequency(DimensionRule rule) {
            this.frequency = rule;
            return this;
        }

        public Builder monetary(DimensionRule rule) {
            this.monetary = rule;
            return this;
        }

        public Builder monetaryBasis(MonetaryBasis basis) {
            this.monetaryBasis = basis;
            return this;
        }

        public Builder newWindowDays(int days) {
            this.newWindowDays = days;
            return this;
        }

        public Builder lifecycle(LifecycleRule rule) {
            this.lifecycle = rule;
            return this;
        }

        public Builder clvHorizonMonths(int months) {
            this.clvHorizonMonths = months;
            return this;
        }

        public Builder margin(String margin) {
            this.margin = margin == null ? null : new BigDecimal(margin);
            return this;
        }

        public Builder annualDiscountRate(String rate) {
            this.annualDiscountRate = rate == null ? null : new BigDecimal(rate);
            return this;
        }

        public Builder modelTimeUnit(ModelTimeUnit unit) {
            this.modelTimeUnit = unit;
            return this;
        }

        /** Every problem of the current settings, each naming its field; empty when valid. */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (name == null || name.isBlank() || name.length() > 60) {
                problems.add("name must be 1-60 characters, was " + name);
            }
            if (windowMonths < 0 || windowMonths > 240) {
                problems.add("windowMonths must be between 0 (all history) and 240, was " + windowMonths);
            }
            boolean binsValid = bins >= CutPoints.MIN_BINS && bins <= CutPoints.MAX_BINS;
            if (!binsValid) {
                problems.add("bins must be 3, 4 or 5, was " + bins);
            }
            DimensionRule[] rules = {recency, frequency, monetary};
            for (Dimension dimension : Dimension.values()) {
                DimensionRule rule = rules[dimension.ordinal()];
                if (rule == null) {
                    problems.add(dimension.name().toLowerCase() + " must not be null");
                } else if (binsValid) {
                    String problem = rule.problem(dimension, bins);
                    if (problem != null) {
                        problems.add(problem);
                    }
                }
            }
            if (monetaryBasis == null) {
                problems.add("monetaryBasis must not be null");
            }
            if (newWindowDays < 1 || newWindowDays > 3650) {
                problems.add("newWindowDays must be between 1 and 3650, was " + newWindowDays);
            }
            if (lifecycle == null) {
                problems.add("lifecycle must not be null");
            } else if (lifecycle.problem() != null) {
                problems.add(lifecycle.problem());
            }
            if (clvHorizonMonths < 1 || clvHorizonMonths > 120) {
                problems.add("clvHorizonMonths must be between 1 and 120, was " + clvHorizonMonths);
            }
            if (margin == null || margin.signum() <= 0 || margin.compareTo(BigDecimal.ONE) > 0) {
                problems.add("margin must be in (0, 1], was " + margin);
            }
            if (annualDiscountRate == null
                    || annualDiscountRate.signum() < 0
                    || annualDiscountRate.compareTo(BigDecimal.ONE) >= 0) {
                problems.add("annualDiscountRate must be in [0, 1), was " + annualDiscountRate);
            }
            if (modelTimeUnit == null) {
                problems.add("modelTimeUnit must not be null");
            }
            return problems;
        }

        /**
         * @throws IllegalArgumentException listing every problem, each naming its field
         */
        public ScoringProfile build() {
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return new ScoringProfile(this);
        }
    }
}
