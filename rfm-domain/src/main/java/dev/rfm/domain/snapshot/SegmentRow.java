package dev.rfm.domain.snapshot;

import java.math.BigDecimal;

/** One segment (or lifecycle stage, or ABC class) of a run's summary: a few rows instead of millions. */
public record SegmentRow(
        String scheme,
        String code,
        int position,
        String nameEn,
        String nameZh,
        String actionEn,
        String actionZh,
        long customers,
        double share,
        BigDecimal revenue,
        double revenueShare,
        Double avgRecencyDays,
        Double avgFrequency,
        BigDecimal avgMonetary,
        BigDecimal avgPredictedClv)
        implements java.io.Serializable {}
