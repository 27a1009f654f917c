package dev.rfm.web.churn;

import static dev.rfm.web.i18n.Texts.text;

import dev.rfm.domain.snapshot.ChurnWatch;
import dev.rfm.domain.snapshot.ChurnWatch.Counts;
import dev.rfm.domain.snapshot.ChurnWatch.Criteria;
import dev.rfm.domain.snapshot.ChurnWatch.Row;
import dev.rfm.domain.snapshot.ChurnWatch.Warning;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.web.export.Downloads;
import dev.rfm.web.i18n.LanguageBacking;
import dev.rfm.web.snapshot.RunLink;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.event.SelectEvent;

/**
 * Backs {@code churn.xhtml} (every role): the criteria form (P(alive) threshold; valuable = ABC class A or a minimum
 * predicted CLV), the counts per warning, the lazy table of the current run's watch list and its CSV and Excel
 * exports. Counts are taken once per applied criteria; the table pages in SQL. {@code ?run=12} watches an older
 * succeeded run (compared with the run before it) instead of the current one.
 */
@Named
@ViewScoped
public class ChurnWatchBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The form's choice of what makes a customer valuable. */
    public static final String BY_CLASS = "A";

    public static final String BY_CLV = "CLV";

    @Inject
    Snapshots snapshots;

    @Inject
    ChurnWatch watch;

    @Inject
    LanguageBacking language;

    @Inject
    RememberedChurnWatch remembered;

    private Long runId;
    private Criteria applied = Criteria.DEFAULT;
    private Counts counts;
    private ChurnRowsModel rows;
    private Map<String, SegmentRow> standardNames = Map.of();
    private Map<String, SegmentRow> stageNames = Map.of();

    private BigDecimal threshold = BigDecimal.valueOf(Criteria.DEFAULT.threshold());
    private String valuable = BY_CLASS;
    private BigDecimal minClv;

    @PostConstruct
    void load() {
        unchecked(() -> {
            OptionalLong current = RunLink.succeeded(
                    snapshots,
                    FacesContext.getCurrentInstance()
                            .getExternalContext()
                            .getRequestParameterMap()
                            .get("run"));
            if (current.isEmpty()) current = snapshots.currentRunId();
            if (current.isEmpty()) return null;
            runId = current.getAsLong();
            standardNames = byCode(snapshots.segments(runId, "standard"));
            stageNames = byCode(snapshots.segments(runId, "lifecycle"));
            OptionalLong previous = watch.previousRun(runId);
            if (previous.isPresent()) {
                // a segment or stage the current run has no summary for may still be the one a customer left
                Map<String, SegmentRow> before =
                        new HashMap<>(byCode(snapshots.segments(previous.getAsLong(), "standard")));
                before.putAll(standardNames);
                standardNames = before;
            }
            counts = remembered.counts(runId, applied);
            rows = new ChurnRowsModel(runId, this::applied, this::total);
            return null;
        });
    }

    /** Takes the form's values as the list's criteria. */
    public void apply() {
        if (runId == null) return;
        FacesContext faces = FacesContext.getCurrentInstance();
        if (BY_CLV.equals(valuable) && minClv == null) {
            faces.addMessage(
                    "criteria:minClv",
                    new FacesMessage(
                            FacesMessage.SEVERITY_ERROR, text("churn.minClvRequired"), text("churn.minClvRequired")));
            faces.validationFailed();
            return;
        }
        applied = new Criteria(threshold.doubleValue(), BY_CLV.equals(valuable) ? minClv : null);
        counts = unchecked(() -> remembered.counts(runId, applied));
        if (faces.getViewRoot() != null
                && faces.getViewRoot().findComponent(":tableForm:watch") instanceof DataTable t) {
            t.setFirst(0); // new criteria start on the first page
        }
    }

    /** A click on a row opens the customer. */
    public void open(SelectEvent<Row> event) throws IOException {
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        context.redirect(context.getRequestContextPath() + "/customer.xhtml?id="
                + URLEncoder.encode(event.getObject().customerId(), StandardCharsets.UTF_8));
    }

    /** Streams the whole list, in the table's order, as a CSV download. */
    public void exportCsv() throws IOException {
        if (runId == null) return;
        Downloads.csv(
                "churn-watch-run-" + runId + ".csv",
                out -> watch.writeCsv(runId, applied, rows.sort(), rows.ascending(), out));
    }

    /** The same list as an Excel workbook, written to a file first (a failure then shows as a page). */
    public void exportExcel() throws IOException {
        if (runId == null) return;
        FacesContext faces = FacesContext.getCurrentInstance();
        if (counts.total() > ChurnWorkbook.MAX_CUSTOMERS) {
            faces.addMessage(
                    null,
                    new FacesMessage(
                            FacesMessage.SEVERITY_WARN,
                            text("customers.tooManyForExcel", ChurnWorkbook.MAX_CUSTOMERS),
                            ""));
            return;
        }
        Downloads.excel("churn-watch-run-" + runId + ".xlsx", out -> {
            try (ChurnWorkbook workbook = new ChurnWorkbook("run " + runId)) {
                watch.forEach(runId, applied, rows.sort(), rows.ascending(), workbook::add);
                workbook.write(out);
            }
        });
    }

    private Criteria applied() {
        return applied;
    }

    private Long total() {
        return counts == null ? 0L : counts.total();
    }

    // ---- what the page shows ----

    public boolean isSnapshot() {
        return runId != null;
    }

    public Long getRunId() {
        return runId;
    }

    public Counts getCounts() {
        return counts;
    }

    public ChurnRowsModel getRows() {
        return rows;
    }

    /** The standard segment's name in the reader's language; the code where no run has a summary for it. */
    public String segmentName(String code) {
        return nameOf(code, standardNames);
    }

    /** The lifecycle stage's name in the reader's language. */
    public String stageName(String code) {
        return nameOf(code, stageNames);
    }

    /** The warnings of a row, each in the reader's language. */
    public List<String> warningNames(Row row) {
        return row.warnings().stream()
                .map(w -> text("churn.warning." + w.name()))
                .toList();
    }

    public List<Warning> getWarnings() {
        return List.of(Warning.values());
    }

    public Row getSelected() {
        return null;
    }

    public void setSelected(Row selected) {
        // the selection only opens the customer (see open)
    }

    // ---- form fields ----

    public BigDecimal getThreshold() {
        return threshold;
    }

    public void setThreshold(BigDecimal threshold) {
        this.threshold = threshold == null ? BigDecimal.valueOf(Criteria.DEFAULT.threshold()) : threshold;
    }

    public String getValuable() {
        return valuable;
    }

    public void setValuable(String valuable) {
        this.valuable = BY_CLV.equals(valuable) ? BY_CLV : BY_CLASS;
    }

    public BigDecimal getMinClv() {
        return minClv;
    }

    public void setMinClv(BigDecimal minClv) {
        this.minClv = minClv;
    }

    private String nameOf(String code, Map<String, SegmentRow> names) {
        SegmentRow row = code == null ? null : names.get(code);
        if (row == null) return code;
        return language.isChinese() && row.nameZh() != null ? row.nameZh() : row.nameEn();
    }

    private static Map<String, SegmentRow> byCode(List<SegmentRow> rows) {
        Map<String, SegmentRow> map = new HashMap<>();
        for (SegmentRow row : rows) map.put(row.code(), row);
        return map;
    }

    private interface Query<T> {
        T run() throws SQLException, IOException;
    }

    private static <T> T unchecked(Query<T> query) {
        try {
            return query.run();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Reading the churn watch failed: " + e.getMessage(), e);
        }
    }
}
