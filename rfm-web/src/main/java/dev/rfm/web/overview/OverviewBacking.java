package dev.rfm.web.overview;

import dev.rfm.domain.customer.CustomerBase;
import dev.rfm.domain.customer.Customers;
import dev.rfm.domain.snapshot.RunOverview;
import dev.rfm.domain.snapshot.RunRecord;
import dev.rfm.domain.snapshot.SegmentColours;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.web.platform.DemoDataLoader;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Backs {@code index.xhtml}: the customer base, and of the current run its headline numbers with their change since
 * the run before, the segments and lifecycle stages, the R × F grid, segment sizes over the last runs and who moved
 * where. Everything comes from per-run summaries ({@link RunOverview}, {@link Snapshots}).
 */
@Named
@RequestScoped
public class OverviewBacking {

    private static final int RUNS_SHOWN = 6;

    @Inject
    Customers customers;

    @Inject
    Snapshots snapshots;

    @Inject
    RunOverview overview;

    @Inject
    DemoDataLoader demoData;

    @Inject
    dev.rfm.web.i18n.LanguageBacking language;

    @Inject
    dev.rfm.reports.delivery.ReportDesk reports;

    private dev.rfm.reports.delivery.ArchivedReport lastReport;

    private RunRecord working;

    private CustomerBase base;
    private Long runId;
    private RunOverview.Kpis kpis;
    private RunOverview.Kpis previous;
    private List<SegmentRow> segments = List.of();
    private List<SegmentRow> stages = List.of();
    private List<RunOverview.HeatCell> heatmap = List.of();
    private long heatMax;
    private Map<String, Long> moves = Map.of();
    private List<Long> lastRuns = List.of();
    private Map<Long, Map<String, Long>> sizes = Map.of();

    @PostConstruct
    void load() {
        base = customers.base();
        try {
            working = snapshots.recentRuns(1).stream()
                    .filter(r -> !r.status().isFinished())
                    .findFirst()
                    .orElse(null);
            lastReport = reports.lastSent().orElse(null);
            OptionalLong current = snapshots.currentRunId();
            if (current.isEmpty()) return;
            runId = current.getAsLong();
            kpis = overview.kpis(runId);
            OptionalLong before = overview.previousRun(runId);
            if (before.isPresent()) previous = overview.kpis(before.getAsLong());
            segments = snapshots.segments(runId, "standard");
            stages = snapshots.segments(runId, "lifecycle");
            heatmap = overview.heatmap(runId);
            heatMax = heatmap.stream()
                    .mapToLong(RunOverview.HeatCell::customers)
                    .max()
                    .orElse(1);
            Map<String, Long> byCell = new HashMap<>();
            for (RunOverview.Move move : overview.migrations(runId, "standard")) {
                byCell.put(move.from() + ">" + move.to(), move.customers());
            }
            moves = byCell;
            lastRuns = overview.lastRuns(RUNS_SHOWN);
            sizes = overview.segmentSizes(lastRuns, "standard");
        } catch (SQLException e) {
            throw new IllegalStateException("The overview could not be read", e);
        }
    }

    /** The newest report sent, in words; null when none was. */
    public String getLastReport() {
        if (lastReport == null) return null;
        LocalDateTime sent = lastReport.sentAt() == null ? lastReport.createdAt() : lastReport.sentAt();
        return dev.rfm.web.i18n.Texts.text(
                "overview.lastReport",
                lastReport.scheduleName() == null ? "—" : lastReport.scheduleName(),
                Long.toString(lastReport.runId()),
                sent.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                lastReport.recipients().size());
    }

    public CustomerBase getBase() {
        return base;
    }

    public boolean isScored() {
        return kpis != null;
    }

    public Long getRunId() {
        return runId;
    }

    public RunOverview.Kpis getKpis() {
        return kpis;
    }

    public boolean isComparable() {
        return previous != null;
    }

    public RunOverview.Kpis getPrevious() {
        return previous;
    }

    /** The change of a count since the run before, signed ("+12", "-3", "±0"); empty without a run before. */
    public String change(long now, long before) {
        if (previous == null) return "";
        long d = now - before;
        String shown =
                java.text.NumberFormat.getIntegerInstance(language.getLocale()).format(d);
        return d > 0 ? "+" + shown : d < 0 ? shown : "±0";
    }

    /** As {@link #change(long, long)} for fractions, in percentage points with one decimal. */
    public String changePoints(double now, double before) {
        if (previous == null) return "";
        double d = (now - before) * 100;
        if (Math.abs(d) < 0.05) return "±0.0 pp";
        return (d > 0 ? "+" : "") + String.format(java.util.Locale.ROOT, "%.1f pp", d);
    }

    /** As {@link #change(long, long)} for money. */
    public String changeAmount(BigDecimal now, BigDecimal before) {
        if (previous == null || now == null || before == null) return "";
        BigDecimal d = now.subtract(before);
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(language.getLocale());
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return (d.signum() > 0 ? "+" : d.signum() == 0 ? "±" : "") + format.format(d);
    }

    public List<SegmentRow> getSegments() {
        return segments;
    }

    public List<SegmentRow> getStages() {
        return stages;
    }

    /** The largest share among {@code rows}, so bars can be drawn relative to it. */
    public double maxShare(List<SegmentRow> rows) {
        return rows.stream().mapToDouble(SegmentRow::share).max().orElse(1);
    }

    /** Width of a bar in percent of its track. */
    public long barWidth(double value, double max) {
        return max <= 0 ? 0 : Math.round(100 * value / max);
    }

    public List<Integer> getScores() {
        return List.of(5, 4, 3, 2, 1);
    }

    public RunOverview.HeatCell cell(int r, int f) {
        return heatmap.stream()
                .filter(c -> c.r() == r && c.f() == f)
                .findFirst()
                .orElse(new RunOverview.HeatCell(r, f, 0, null));
    }

    /** Colour strength of a cell, 0.05 .. 0.9, by its customers against the fullest cell. */
    public String heat(RunOverview.HeatCell cell) {
        double strength = heatMax == 0 ? 0 : (double) cell.customers() / heatMax;
        return String.format(java.util.Locale.ROOT, "%.2f", 0.05 + 0.85 * strength);
    }

    public boolean isHeatmapShown() {
        return !heatmap.isEmpty();
    }

    /** Segment codes of the matrix, in the scheme's order; the rows add "NONE" (not scored in the run before). */
    public List<String> getMatrixCodes() {
        return segments.stream().map(SegmentRow::code).toList();
    }

    public List<String> getMatrixRows() {
        List<String> rows = new ArrayList<>(getMatrixCodes());
        if (moves.keySet().stream().anyMatch(k -> k.startsWith("NONE>"))) rows.add("NONE");
        return rows;
    }

    public long moved(String from, String to) {
        return moves.getOrDefault(from + ">" + to, 0L);
    }

    public boolean isMigrationsShown() {
        return previous != null && !moves.isEmpty();
    }

    public String segmentName(String code, boolean chinese) {
        return segments.stream()
                .filter(s -> s.code().equals(code))
                .map(s -> chinese && s.nameZh() != null ? s.nameZh() : s.nameEn())
                .findFirst()
                .orElse(code);
    }

    /** Whether the demo data loads or a run works: the page shows its progress and polls until it ends. */
    public boolean isWorking() {
        return demoData.isLoading() || working != null;
    }

    public boolean isDemoLoading() {
        return demoData.isLoading();
    }

    public int getDemoPercent() {
        return demoData.getPercent();
    }

    /** The run that is queued or working, or null. */
    public RunRecord getWorkingRun() {
        return working;
    }

    public String phase(String phase) {
        return dev.rfm.web.run.RunsBacking.phaseLabel(phase);
    }

    public int getRunPercent() {
        return working == null ? 0 : (int) Math.floor(Math.max(0, Math.min(1, working.progress())) * 100);
    }

    /** Called by the poll: once the work has ended, the page is shown again with what it produced. */
    public void poll() throws java.io.IOException {
        if (!isWorking()) {
            var external =
                    jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext();
            external.redirect(external.getRequestContextPath() + "/index.xhtml");
        }
    }

    /**
     * Segment sizes over the last runs as a Chart.js line chart (PrimeFaces' {@code p:chart}): one line per
     * standard segment in its colour, runs oldest first, names in the reader's language.
     */
    public String getSizesChart() {
        jakarta.json.JsonArrayBuilder labels = jakarta.json.Json.createArrayBuilder();
        for (Long run : lastRuns) labels.add(dev.rfm.web.i18n.Texts.text("overview.runShort") + " " + run);
        jakarta.json.JsonArrayBuilder datasets = jakarta.json.Json.createArrayBuilder();
        boolean chinese = language.isChinese();
        for (SegmentRow segment : segments) {
            jakarta.json.JsonArrayBuilder data = jakarta.json.Json.createArrayBuilder();
            for (Long run : lastRuns) data.add(size(run, segment.code()));
            String colour = SegmentColours.of("standard", segment.code());
            datasets.add(jakarta.json.Json.createObjectBuilder()
                    .add("label", chinese && segment.nameZh() != null ? segment.nameZh() : segment.nameEn())
                    .add("data", data)
                    .add("borderColor", colour)
                    .add("backgroundColor", colour)
                    .add("tension", 0.2));
        }
        return jakarta.json.Json.createObjectBuilder()
                .add("type", "line")
                .add(
                        "data",
                        jakarta.json.Json.createObjectBuilder()
                                .add("labels", labels)
                                .add("datasets", datasets))
                .add(
                        "options",
                        jakarta.json.Json.createObjectBuilder()
                                .add("maintainAspectRatio", false)
                                .add("animation", false)
                                .add(
                                        "plugins",
                                        jakarta.json.Json.createObjectBuilder()
                                                .add(
                                                        "legend",
                                                        jakarta.json.Json.createObjectBuilder()
                                                                .add("position", "right"))))
                .build()
                .toString();
    }

    public List<Long> getLastRuns() {
        return lastRuns;
    }

    public long size(Long run, String code) {
        return sizes.getOrDefault(run, Map.of()).getOrDefault(code, 0L);
    }
}
