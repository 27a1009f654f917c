package dev.rfm.web.customer;

import static dev.rfm.web.i18n.Texts.text;

import dev.rfm.domain.snapshot.CustomerFilter;
import dev.rfm.domain.snapshot.CustomerResult;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.web.export.Downloads;
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
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.event.SelectEvent;

/**
 * Backs {@code customers.xhtml} (every role): the filter form, the lazy table of the current snapshot and the CSV
 * export of what the filter keeps. The address presets filters: {@code ?scheme=standard&segment=CHAMPIONS} (the
 * Segments page), {@code ?r=5&f=4} (a heatmap cell), {@code ?segment=AT_RISK&movedFrom=CHAMPIONS} (a migration cell;
 * {@code movedFrom=NONE}: new since the previous run).
 */
@Named
@ViewScoped
public class CustomersBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    static final List<String> SCHEMES = List.of("standard", "cn8", "custom", "lifecycle", "abc");

    @Inject
    Snapshots snapshots;

    @Inject
    CustomerDirectory directory;

    private Long runId;
    private CustomerRowsModel rows;
    private CustomerFilter applied = CustomerFilter.NONE;

    private String search;
    private String scheme = "standard";
    private String segment;
    private String stage;
    private String abcClass;
    private Integer rMin;
    private Integer rMax;
    private Integer fMin;
    private Integer fMax;
    private Integer mMin;
    private Integer mMax;
    private Double pAliveMin;
    private Double pAliveMax;
    private BigDecimal clvMin;
    private BigDecimal clvMax;
    private String movedFrom;
    private boolean showsCurrentRun = true;

    private List<SegmentRow> segments = List.of();
    private List<SegmentRow> stages = List.of();
    private Map<String, SegmentRow> standardNames = Map.of();

    @Inject
    dev.rfm.web.i18n.LanguageBacking language;

    @PostConstruct
    void load() {
        CustomerDirectory.unchecked(() -> {
            prepare();
            return null;
        });
    }

    private void prepare() throws SQLException {
        Map<String, String> params =
                FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
        OptionalLong current = RunLink.succeeded(snapshots, params.get("run"));
        if (current.isEmpty()) current = snapshots.currentRunId();
        if (current.isEmpty()) return;
        runId = current.getAsLong();
        showsCurrentRun = snapshots.currentRunId().equals(current);
        String wanted = params.get("scheme");
        if (wanted != null && SCHEMES.contains(wanted)) scheme = wanted;
        segment = params.get("segment");
        Integer r = score(params.get("r"));
        Integer f = score(params.get("f"));
        if (r != null) rMin = rMax = r;
        if (f != null) fMin = fMax = f;
        movedFrom = segment == null || segment.isBlank() ? null : params.get("movedFrom");
        stages = snapshots.segments(runId, "lifecycle");
        standardNames = new java.util.HashMap<>();
        for (SegmentRow row : snapshots.segments(runId, "standard")) standardNames.put(row.code(), row);
        loadSegments();
        apply();
        rows = new CustomerRowsModel(runId, this::applied);
    }

    /** Takes the form's values as the table's filter. */
    public void apply() {
        applied = new CustomerFilter(
                search,
                segment == null || segment.isBlank() ? null : scheme,
                segment,
                stage,
                abcClass,
                rMin,
                rMax,
                fMin,
                fMax,
                mMin,
                mMax,
                pAliveMin,
                pAliveMax,
                clvMin,
                clvMax,
                segment == null || segment.isBlank() ? null : movedFrom);
        FacesContext faces = FacesContext.getCurrentInstance();
        if (faces != null
                && faces.getViewRoot() != null
                && faces.getViewRoot().findComponent(":tableForm:customers") instanceof DataTable table) {
            table.setFirst(0); // a new filter starts on its first page
        }
    }

    /** Clears every filter. */
    public void reset() {
        search = segment = stage = abcClass = movedFrom = null;
        rMin = rMax = fMin = fMax = mMin = mMax = null;
        pAliveMin = pAliveMax = null;
        clvMin = clvMax = null;
        apply();
    }

    /** A new scheme offers its own segments; the old segment no longer applies. */
    public void schemeChanged() throws SQLException {
        segment = null;
        loadSegments();
    }

    private void loadSegments() throws SQLException {
        segments = snapshots.segments(runId, scheme);
    }

    /** A click on a row opens the customer. */
    public void open(SelectEvent<CustomerResult> event) throws IOException {
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        context.redirect(context.getRequestContextPath() + "/customer.xhtml?id="
                + java.net.URLEncoder.encode(event.getObject().customerId(), StandardCharsets.UTF_8));
    }

    /** Streams every customer the applied filter keeps, in the table's order, as a CSV download. */
    public void exportCsv() throws IOException {
        Downloads.csv(
                "customers-run-" + runId + ".csv",
                out -> directory.writeCsv(runId, applied, rows.sort(), rows.ascending(), out));
    }

    /**
     * Streams the same list as an Excel workbook; a list longer than one sheet gets a message that points to CSV
     * instead of a cut file.
     */
    public void exportExcel() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (directory.count(runId, applied) > CustomerWorkbook.MAX_CUSTOMERS) {
            FacesContext.getCurrentInstance()
                    .addMessage(
                            null,
                            new FacesMessage(
                                    FacesMessage.SEVERITY_WARN,
                                    text("customers.tooManyForExcel", CustomerWorkbook.MAX_CUSTOMERS),
                                    ""));
            return;
        }
        Downloads.excel(
                "customers-run-" + runId + ".xlsx",
                out -> directory.writeWorkbook(runId, applied, rows.sort(), rows.ascending(), "run " + runId, out));
    }

    /** Whether the page shows the current run (not an older one a link asked for). */
    public boolean isCurrentRun() {
        return showsCurrentRun;
    }

    /** A score from the address (a heatmap cell), or null when it is not one of 1..9. */
    private static Integer score(String text) {
        return text != null && text.matches("[1-9]") ? Integer.valueOf(text) : null;
    }

    /** The segment of the previous run the list is narrowed to (a migration cell), or null. */
    public String getMovedFrom() {
        return applied.movedFrom();
    }

    /** Shows every customer of the segment again, wherever they were before. */
    public void clearMovedFrom() {
        movedFrom = null;
        apply();
    }

    private CustomerFilter applied() {
        return applied;
    }

    /** The standard segment's name in the reader's language; the code where the run has no summary for it. */
    public String segmentName(String code) {
        SegmentRow row = code == null ? null : standardNames.get(code);
        if (row == null) return code;
        return language.isChinese() && row.nameZh() != null ? row.nameZh() : row.nameEn();
    }

    /** The lifecycle stage's name in the reader's language. */
    public String stageName(String code) {
        for (SegmentRow row : stages) if (row.code().equals(code)) return nameOf(row);
        return code;
    }

    /** A summary row's name in the reader's language. */
    public String nameOf(SegmentRow row) {
        return language.isChinese() && row.nameZh() != null ? row.nameZh() : row.nameEn();
    }

    public boolean isSnapshot() {
        return runId != null;
    }

    public Long getRunId() {
        return runId;
    }

    public CustomerRowsModel getRows() {
        return rows;
    }

    public long getMatching() {
        return runId == null ? 0 : directory.count(runId, applied);
    }

    public List<String> getSchemes() {
        return SCHEMES;
    }

    public List<SegmentRow> getSegments() {
        return segments;
    }

    public List<SegmentRow> getStages() {
        return stages;
    }

    public List<String> getAbcClasses() {
        return List.of("A", "B", "C");
    }

    public CustomerResult getSelected() {
        return null;
    }

    public void setSelected(CustomerResult selected) {
        // the selection only opens the customer (see open)
    }

    // ---- form fields ----

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public String getScheme() {
        return scheme;
    }

    public void setScheme(String scheme) {
        this.scheme = SCHEMES.contains(scheme) ? scheme : "standard";
    }

    public String getSegment() {
        return segment;
    }

    public void setSegment(String segment) {
        this.segment = segment;
    }

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }

    public String getAbcClass() {
        return abcClass;
    }

    public void setAbcClass(String abcClass) {
        this.abcClass = abcClass;
    }

    public Integer getMinR() {
        return rMin;
    }

    public void setMinR(Integer rMin) {
        this.rMin = rMin;
    }

    public Integer getMaxR() {
        return rMax;
    }

    public void setMaxR(Integer rMax) {
        this.rMax = rMax;
    }

    public Integer getMinF() {
        return fMin;
    }

    public void setMinF(Integer fMin) {
        this.fMin = fMin;
    }

    public Integer getMaxF() {
        return fMax;
    }

    public void setMaxF(Integer fMax) {
        this.fMax = fMax;
    }

    public Integer getMinM() {
        return mMin;
    }

    public void setMinM(Integer mMin) {
        this.mMin = mMin;
    }

    public Integer getMaxM() {
        return mMax;
    }

    public void setMaxM(Integer mMax) {
        this.mMax = mMax;
    }

    public Double getMinPAlive() {
        return pAliveMin;
    }

    public void setMinPAlive(Double pAliveMin) {
        this.pAliveMin = pAliveMin;
    }

    public Double getMaxPAlive() {
        return pAliveMax;
    }

    public void setMaxPAlive(Double pAliveMax) {
        this.pAliveMax = pAliveMax;
    }

    public BigDecimal getMinClv() {
        return clvMin;
    }

    public void setMinClv(BigDecimal clvMin) {
        this.clvMin = clvMin;
    }

    public BigDecimal getMaxClv() {
        return clvMax;
    }

    public void setMaxClv(BigDecimal clvMax) {
        this.clvMax = clvMax;
    }
}
