package dev.rfm.analytics.profile;

import dev.rfm.analytics.clv.ModelTimeUnit;

/**
 * Shipped scoring profiles by industry; the reasoning behind every number is in {@code
 * docs/PRESETS.md}. All presets score frequency by fixed thresholds, because frequency is heavily
 * tied (most customers buy once) and quantiles of tied values leave bins empty; recency and
 * monetary use quantiles, which adapt to the business's scale.
 */
public enum Preset {
    /** E-commerce and retail; the default profile. */
    RETAIL(ScoringProfile.builder().name("RETAIL").build()),

    /** Banking, insurance, investment products: long relationships, regular transactions. */
    FINANCE(ScoringProfile.builder()
            .name("FINANCE")
            .windowMonths(24)
            .frequency(DimensionRule.fixed("1", "3", "6", "12"))
            .newWindowDays(90)
            .lifecycle(LifecycleRule.fixed(180, 365))
            .clvHorizonMonths(36)
            .margin("0.20")
            .annualDiscountRate("0.08")
            .build()),

    /** Courses, training, tutoring: few, large enrolments on an academic cycle. */
    EDUCATION(ScoringProfile.builder()
            .name("EDUCATION")
            .frequency(DimensionRule.fixed("1", "2", "3", "4"))
            .newWindowDays(60)
            .lifecycle(LifecycleRule.fixed(365, 730))
            .clvHorizonMonths(24)
            .margin("0.40")
            .build()),

    /** Clinics, dental, pharmacies, wellness: periodic visits such as check-ups. */
    HEALTHCARE(ScoringProfile.builder()
            .name("HEALTHCARE")
            .windowMonths(24)
            .frequency(DimensionRule.fixed("1", "2", "4", "6"))
            .newWindowDays(90)
            .lifecycle(LifecycleRule.fixed(365, 730))
            .clvHorizonMonths(24)
            .margin("0.35")
            .annualDiscountRate("0.08")
            .build()),

    /** Airlines, hotels, travel agencies: seasonal, mostly yearly trips, thin margins. */
    TRAVEL(ScoringProfile.builder()
            .name("TRAVEL")
            .windowMonths(36)
            .frequency(DimensionRule.fixed("1", "2", "3", "5"))
            .monetaryBasis(MonetaryBasis.AVERAGE)
            .newWindowDays(90)
            .lifecycle(LifecycleRule.fixed(365, 730))
            .clvHorizonMonths(24)
            .margin("0.15")
            .build()),

    /** Wholesale and business accounts: few customers, regular re-orders, cycles per account. */
    B2B(ScoringProfile.builder()
            .name("B2B")
            .windowMonths(12)
            .bins(4)
            .frequency(DimensionRule.fixed("2", "6", "12"))
            .newWindowDays(90)
            .clvHorizonMonths(24)
            .margin("0.25")
            .annualDiscountRate("0.12")
            .modelTimeUnit(ModelTimeUnit.DAYS)
            .build());

    private final ScoringProfile profile;

    Preset(ScoringProfile profile) {
        this.profile = profile;
    }

    public ScoringProfile profile() {
        return profile;
    }
}
