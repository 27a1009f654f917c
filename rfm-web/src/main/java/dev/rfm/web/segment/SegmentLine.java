package dev.rfm.web.segment;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One segment as the Segments page shows it: the run's summary row, the average P(alive) of its members, how many
 * customers it gained or lost since the previous run, and its recommended action (the team's edit, else the
 * domain's default).
 *
 * @param change customers now minus customers in the previous run; null without a previous run
 * @param actionEdited whether the action is the team's own rather than the default
 */
public record SegmentLine(
        String code,
        String nameEn,
        String nameZh,
        long customers,
        double share,
        BigDecimal revenue,
        double revenueShare,
        Double avgRecencyDays,
        Double avgFrequency,
        BigDecimal avgMonetary,
        BigDecimal avgPredictedClv,
        Double avgPAlive,
        Long change,
        String actionEn,
        String actionZh,
        boolean actionEdited)
        implements Serializable {}
