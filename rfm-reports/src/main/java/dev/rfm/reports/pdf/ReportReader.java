package dev.rfm.reports.pdf;

import dev.rfm.analytics.campaign.CampaignResult;
import dev.rfm.domain.campaign.Campaign;
import dev.rfm.domain.campaign.Campaigns;
import dev.rfm.domain.snapshot.RunOverview;
import dev.rfm.domain.snapshot.RunRecord;
import dev.rfm.domain.snapshot.RunRules;
import dev.rfm.domain.snapshot.RunStatus;
import dev.rfm.domain.snapshot.SegmentActions;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.reports.pdf.ReportContent.ActionText;
import dev.rfm.reports.pdf.ReportContent.MeasuredCampaign;
import dev.rfm.reports.pdf.ReportContent.TopCustomer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads what a segment report shows from the run's summary tables ({@code segment_summary}, {@code
 * segment_migration}, {@code scoring_run}) through the domain's read models. The only reads of the per-customer table
 * are the KPIs' one grouped scan (remembered by {@link RunOverview}) and, when the report lists top customers, one
 * top-N query per segment over its index. The campaign section costs one grouped query per campaign shown (at most
 * {@value #MAX_CAMPAIGNS}) over its members' orders in the window.
 */
final class ReportReader {

    /** The campaign section shows campaigns whose window ended at most this many days before the reference date. */
    static final int CAMPAIGN_DAYS = 90;

    /** The most campaigns the campaign section shows (newest start first). */
    static final int MAX_CAMPAIGNS = 10;

    /** How many runs the "segment sizes over the last runs" chart shows. */
    static final int HISTORY_RUNS = 6;

    private final DataSource dataSource;
    private final Snapshots snapshots;
    private final RunOverview overview;
    private final SegmentActions actions;
    private final Campaigns campaigns;

    ReportReader(DataSource dataSource, RunOverview overview) {
        this.dataSource = dataSource;
        this.snapshots = new Snapshots(dataSource);
        this.overview = overview;
        this.actions = new SegmentActions(dataSource);
        this.campaigns = new Campaigns(dataSource);
    }

    /** The run asked for, or the current one; it must have succeeded. */
    RunRecord run(Long runId) throws SQLException {
        if (runId == null) {
            return snapshots
                    .currentRun()
                    .orElseThrow(() -> new UnknownRunException("No scoring run has succeeded yet: there is nothing"
                            + " to report. Start one with POST /api/runs."));
        }
        RunRecord run = snapshots.run(runId).orElseThrow(() -> new UnknownRunException("No run " + runId + "."));
        if (run.status() != RunStatus.SUCCEEDED) {
            throw new UnknownRunException(
                    "Run " + runId + " is " + run.status() + ": only succeeded runs have a report.");
        }
        return run;
    }

    ReportContent read(RunRecord run, String scheme, int topCount, LocalDateTime generatedAt) throws SQLException {
        long id = run.id();
        Long previousId =
                overview.previousRun(id).isPresent() ? overview.previousRun(id).getAsLong() : null;
        List<SegmentRow> segments = snapshots.segments(id, scheme);
        Map<String, Long> previousSizes = new HashMap<>();
        if (previousId != null) {
            snapshots.segments(previousId, scheme).forEach(s -> previousSizes.put(s.code(), s.customers()));
        }
        Map<String, ActionText> texts = new HashMap<>();
        Map<String, SegmentActions.SegmentAction> edited = actions.of(scheme);
        for (SegmentRow s : segments) {
            SegmentActions.SegmentAction e = edited.get(s.code());
            texts.put(
                    s.code(),
                    e != null
                            ? new ActionText(e.actionEn(), e.actionZh())
                            : new ActionText(s.actionEn(), s.actionZh()));
        }
        List<Long> last = overview.lastRuns(HISTORY_RUNS);
        Map<Long, LocalDate> dates = new LinkedHashMap<>();
        for (Long r : last) snapshots.run(r).ifPresent(rec -> dates.put(r, rec.referenceDate()));
        Map<String, List<TopCustomer>> top = new LinkedHashMap<>();
        if (topCount > 0) {
            for (SegmentRow s : segments) top.put(s.code(), topCustomers(id, scheme, s.code(), topCount));
        }
        RunRules rules = snapshots.rules(id).orElse(RunRules.NONE);
        return new ReportContent(
                run,
                scheme,
                generatedAt,
                overview.kpis(id),
                previousId == null ? null : overview.kpis(previousId),
                segments,
                previousSizes,
                texts,
                scheme.equals("lifecycle") ? List.of() : snapshots.segments(id, "lifecycle"),
                overview.migrations(id, scheme),
                overview.segmentSizes(last, scheme),
                dates,
                top,
                topCount,
                rules.cutPoints(),
                rules.lifecycleThresholds(),
                rules.customRules(),
                campaigns(run),
                measuringDay(run));
    }

    /**
     * The day the campaign section measures on: the run's last observed day, as the run counts orders dated before
     * its reference date. A report of an old run thus shows what its campaigns had achieved then.
     */
    static LocalDate measuringDay(RunRecord run) {
        return run.referenceDate().minusDays(1);
    }

    /**
     * The running and recently ended campaigns with their results, by the code {@code GET
     * /api/campaigns/{id}/result} runs had it been asked on the measuring day: one grouped query per campaign.
     */
    private List<MeasuredCampaign> campaigns(RunRecord run) throws SQLException {
        LocalDate day = measuringDay(run);
        Map<String, List<SegmentRow>> names = new HashMap<>();
        List<MeasuredCampaign> measured = new ArrayList<>();
        for (Campaign c : campaigns.runningOrEndedWithin(run.referenceDate(), CAMPAIGN_DAYS, MAX_CAMPAIGNS)) {
            // the day's orders count as far as imported, as in the API
            Campaigns.Outcome outcome = campaigns.outcome(c, day.plusDays(1));
            CampaignResult result = CampaignResult.of(outcome.treatment(), outcome.control(), c.endDate(), day);
            SegmentRow segment = null;
            if (c.scheme() != null && c.runId() != null) {
                List<SegmentRow> rows = names.get(c.runId() + "/" + c.scheme());
                if (rows == null) {
                    rows = snapshots.segments(c.runId(), c.scheme());
                    names.put(c.runId() + "/" + c.scheme(), rows);
                }
                segment = rows.stream()
                        .filter(s -> s.code().equals(c.segment()))
                        .findFirst()
                        .orElse(null);
            }
            String en = c.scheme() == null ? null : segment == null ? c.segment() : segment.nameEn();
            String zh = segment == null ? null : segment.nameZh();
            measured.add(new MeasuredCampaign(c, en, zh, result));
        }
        return measured;
    }

    /** The column of {@code customer_score} that holds the scheme's segment (or stage). */
    static String column(String scheme) {
        return scheme.equals("lifecycle") ? "lifecycle_stage" : Snapshots.segmentColumn(scheme);
    }

    private List<TopCustomer> topCustomers(long runId, String scheme, String code, int limit) throws SQLException {
        String sql = "select c.external_id, c.name, s.predicted_clv, s.p_alive, s.monetary from customer_score s"
                + " join customer c on c.id = s.customer_id where s.run_id = ? and s." + column(scheme) + " = ?"
                + " and s.predicted_clv is not null order by s.predicted_clv desc, s.customer_id"
                + " fetch first " + limit + " rows only";
        List<TopCustomer> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, runId);
            ps.setString(2, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double p = rs.getDouble(4);
                    Double pAlive = rs.wasNull() ? null : p;
                    rows.add(new TopCustomer(
                            rs.getString(1), rs.getString(2), rs.getBigDecimal(3), pAlive, rs.getBigDecimal(5)));
                }
            }
        }
        return rows;
    }
}
