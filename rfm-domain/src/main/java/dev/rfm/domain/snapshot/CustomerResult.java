package dev.rfm.domain.snapshot;

import java.math.BigDecimal;

/** One customer's numbers in a run: scores, segments, stage, model outputs. Nulls where a number does not apply. */
public record CustomerResult(
        long runId,
        String customerId,
        String name,
        String email,
        Integer recencyDays,
        int frequency,
        BigDecimal monetary,
        Integer r,
        Integer f,
        Integer m,
        String rfmCode,
        String segment,
        String segmentCn8,
        String segmentCustom,
        String lifecycleStage,
        String abcClass,
        Double pAlive,
        Double expectedPurchases30d,
        Double expectedPurchases90d,
        Double expectedPurchases365d,
        BigDecimal expectedAvgOrderValue,
        BigDecimal historicalClv,
        BigDecimal predictedClv) {}
