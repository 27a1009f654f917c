package dev.rfm.analytics.segment;

import dev.rfm.analytics.history.Amounts;
import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.value.AbcClass;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One user-defined segment: a definition and the conditions a customer must meet, all of them
 * (AND). An unset condition matches everyone. Ranges are closed; stage and ABC sets match if the
 * customer's value is in the set (an empty set matches everyone). A customer whose P(alive) or
 * predicted CLV is unknown (model part failed) does not match a condition on it.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * CustomSegmentRule vip = CustomSegmentRule.builder(definition)
 *         .monetaryScore(Range.between(5, 5))
 *         .stages(EnumSet.of(LifecycleStage.ACTIVE, LifecycleStage.REACTIVATED))
 *         .build();
 * }</pre>
 */
public final class CustomSegmentRule {

    private final SegmentDefinition definition;
    private final Range recencyScore;
    private final Range frequencyScore;
    private final Range monetaryScore;
    private final Range recencyDays;
    private final Range frequency;
    private final Range monetary;
    private final Range probabilityAlive;
    private final Range predictedClv;
    private final Set<LifecycleStage> stages;
    private final Set<AbcClass> abcClasses;

    // compiled bounds, so that matching is primitive comparisons
    private final long[] lower = new long[6];
    private final long[] upper = new long[6];
    private final double pAliveMin;
    private final double pAliveMax;
    private final double clvMin;
    private final double clvMax;

    private CustomSegmentRule(Builder b) {
        this.definition = Objects.requireNonNull(b.definition, "definition must not be null");
        this.recencyScore = checkScore("recencyScore", b.recencyScore);
        this.frequencyScore = checkScore("frequencyScore", b.frequencyScore);
        this.monetaryScore = checkScore("monetaryScore", b.monetaryScore);
        this.recencyDays = checkWhole("recencyDays", b.recencyDays);
        this.frequency = checkWhole("frequency", b.frequency);
        this.monetary = Objects.requireNonNull(b.monetary, "monetary must not be null");
        this.probabilityAlive = Objects.requireNonNull(b.probabilityAlive, "probabilityAlive must not be null");
        if ((probabilityAlive.min() != null && probabilityAlive.min().signum() < 0)
                || (probabilityAlive.max() != null && probabilityAlive.max().compareTo(BigDecimal.ONE) > 0)) {
            throw new IllegalArgumentException("probabilityAlive must lie within [0, 1], was " + probabilityAlive);
        }
        this.predictedClv = Objects.requireNonNull(b.predictedClv, "predictedClv must not be null");
        this.stages = Set.copyOf(Objects.requireNonNull(b.stages, "stages must not be null"));
        this.abcClasses = Set.copyOf(Objects.requireNonNull(b.abcClasses, "abcClasses must not be null"));
        Range[] whole = {recencyScore, frequencyScore, monetaryScore, recencyDays, frequency};
        for (int k = 0; k < whole.length; k++) {
            lower[k] = whole[k].minUnits(0);
            upper[k] = whole[k].maxUnits(0);
        }
        lower[5] = monetary.minUnits(Amounts.SCALE);
        upper[5] = monetary.maxUnits(Amounts.SCALE);
        pAliveMin = probabilityAlive.minDouble();
        pAliveMax = probabilityAlive.maxDouble();
        clvMin = predictedClv.minDouble();
        clvMax = predictedClv.maxDouble();
    }

    private static Range checkScore(String field, Range range) {
        Objects.requireNonNull(range, field + " must not be null");
        checkWhole(field, range);
        if ((range.min() != null && range.min().compareTo(BigDecimal.ONE) < 0)
                || (range.max() != null && range.max().compareTo(BigDecimal.valueOf(5)) > 0)) {
            throw new IllegalArgumentException(field + " must lie within [1, 5], was " + range);
        }
        return range;
    }

    private static Range checkWhole(String field, Range range) {
        Objects.requireNonNull(range, field + " must not be null");
        for (BigDecimal end : new BigDecimal[] {range.min(), range.max()}) {
            if (end != null && end.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException(field + " must have whole-number limits, was " + range);
            }
        }
        return range;
    }

    public static Builder builder(SegmentDefinition definition) {
        return new Builder(definition);
    }

    /** Whether customer {@code i} meets every condition. Unscored customers never match. */
    public boolean matches(CustomerFacts facts, int i) {
        if (!facts.scored(i)) {
            return false;
        }
        if (!in(0, facts.recencyScore(i))
                || !in(1, facts.frequencyScore(i))
                || !in(2, facts.monetaryScore(i))
                || !in(3, facts.recencyDays(i))
                || !in(4, facts.frequency(i))
                || !in(5, facts.monetaryTenThousandths(i))) {
            return false;
        }
        if (!stages.isEmpty() && !stages.contains(facts.stage(i))) {
            return false;
        }
        if (!abcClasses.isEmpty() && !abcClasses.contains(facts.abcClass(i))) {
            return false;
        }
        if (!probabilityAlive.isAny()) {
            double p = facts.probabilityAlive(i);
            if (!(p >= pAliveMin && p <= pAliveMax)) {
                return false;
            }
        }
        if (!predictedClv.isAny()) {
            double clv = facts.predictedClv(i);
            return clv >= clvMin && clv <= clvMax;
        }
        return true;
    }

    private boolean in(int k, long value) {
        return value >= lower[k] && value <= upper[k];
    }

    public SegmentDefinition definition() {
        return definition;
    }

    public Range recencyScore() {
        return recencyScore;
    }

    public Range frequencyScore() {
        return frequencyScore;
    }

    public Range monetaryScore() {
        return monetaryScore;
    }

    public Range recencyDays() {
        return recencyDays;
    }

    public Range frequency() {
        return frequency;
    }

    /** Range on the profile's monetary value, in currency units. */
    public Range monetary() {
        return monetary;
    }

    public Range probabilityAlive() {
        return probabilityAlive;
    }

    /** Range on the predicted CLV, in currency units. */
    public Range predictedClv() {
        return predictedClv;
    }

    public Set<LifecycleStage> stages() {
        return stages;
    }

    public Set<AbcClass> abcClasses() {
        return abcClasses;
    }

    /** Builds a {@link CustomSegmentRule}; every condition defaults to "any". */
    public static final class Builder {
        private final SegmentDefinition definition;
        private Range recencyScore = Range.any();
        private Range frequencyScore = Range.any();
        private Range monetaryScore = Range.any();
        private Range recencyDays = Range.any();
        private Range frequency = Range.any();
        private Range monetary = Range.any();
        private Range probabilityAlive = Range.any();
        private Range predictedClv = Range.any();
        private Set<LifecycleStage> stages = EnumSet.noneOf(LifecycleStage.class);
        private Set<AbcClass> abcClasses = EnumSet.noneOf(AbcClass.class);

        private Builder(SegmentDefinition definition) {
            this.definition = definition;
        }

        public Builder recencyScore(Range range) {
            this.recencyScore = range;
            return this;
        }

        public Builder frequencyScore(Range range) {
            this.frequencyScore = range;
            return this;
        }

        public Builder monetaryScore(Range range) {
            this.monetaryScore = range;
            return this;
        }

        public Builder recencyDays(Range range) {
            this.recencyDays = range;
            return this;
        }

        public Builder frequency(Range range) {
            this.frequency = range;
            return this;
        }

        public Builder monetary(Range range) {
            this.monetary = range;
            return this;
        }

        public Builder probabilityAlive(Range range) {
            this.probabilityAlive = range;
            return this;
        }

        public Builder predictedClv(Range range) {
            this.predictedClv = range;
            return this;
        }

        public Builder stages(Set<LifecycleStage> stages) {
            this.stages = stages;
            return this;
        }

        public Builder abcClasses(Set<AbcClass> abcClasses) {
            this.abcClasses = abcClasses;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field whose condition is invalid
         */
        public CustomSegmentRule build() {
            return new CustomSegmentRule(this);
        }
    }
}
