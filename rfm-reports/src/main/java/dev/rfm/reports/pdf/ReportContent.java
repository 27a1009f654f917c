package dev.rfm.reports.pdf;

import dev.rfm.analytics.campaign.CampaignResult;
import dev.rfm.domain.campaign.Campaign;
import dev.rfm.domain.snapshot.RunOverview;
import dev.rfm.domain.snapshot.RunOverview.Kpis;
import dev.rfm.domain.snapshot.RunRecord;
import dev.rfm.domain.snapshot.RunRules;
import dev.rfm.domain.snapshot.SegmentRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * Everything one segment report shows, read from a run's summary tables: a few hundred numbers whatever the number of
 * customers.
 *
 * @param previous the KPIs of the succeeded run before, or null for the first run
 * @param previousSizes customers per segment code in the run before (empty for the first run)
 * @param sizes segment sizes of the last runs, oldest first: run id → (code → customers)
 * @param runDates reference date of each run in {@code sizes}
 * @param topCustomers per segment code, best predicted CLV first (empty when personal data is hidden)
 * @param campaigns running or recently ended campaigns, newest start first, measured on {@code campaignsMeasuredOn}
 * @param campaignsMeasuredOn the run's last observed day (the day before its reference date)
 */
record ReportContent(
        RunRecord run,
        String scheme,
        LocalDateTime generatedAt,
        Kpis kpis,
        Kpis previous,
        List<SegmentRow> segments,
        Map<String, Long> previousSizes,
        Map<String, ActionText> actions,
        List<SegmentRow> lifecycle,
        List<RunOverview.Move> moves,
        Map<Long, Map<String, Long>> sizes,
        Map<Long, java.time.LocalDate> runDates,
        Map<String, List<TopCustomer>> topCustomers,
        int topCount,
        String cutPoints,
        String lifecycleThresholds,
        List<RunRules.CustomRule> customRules,
        List<MeasuredCampaign> campaigns,
        LocalDate campaignsMeasuredOn) {

    /** A segment's recommended action in both languages: the team's edit, else the run's default. */
    record ActionText(String en, String zh) {}

    /**
     * A campaign with its result as {@code GET /api/campaigns/{id}/result} gave it on the measuring day.
     *
     * @param segmentEn the target segment's name in English as its run named it; null for an uploaded list
     * @param segmentZh the same in Chinese, null when the run has none
     */
    record MeasuredCampaign(Campaign campaign, String segmentEn, String segmentZh, CampaignResult result) {}

    /** One of a segment's most valuable customers. */
    record TopCustomer(String customerId, String name, BigDecimal predictedClv, Double pAlive, BigDecimal monetary) {}
}
