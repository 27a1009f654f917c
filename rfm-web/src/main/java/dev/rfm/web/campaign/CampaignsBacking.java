package dev.rfm.web.campaign;

import static dev.rfm.web.i18n.Texts.text;

import dev.rfm.analytics.campaign.CampaignResult;
import dev.rfm.analytics.campaign.ControlGroupSplit;
import dev.rfm.analytics.campaign.Uplift;
import dev.rfm.domain.campaign.Campaign;
import dev.rfm.domain.campaign.CampaignGroup;
import dev.rfm.domain.campaign.CampaignPlan;
import dev.rfm.domain.campaign.CampaignProblem;
import dev.rfm.domain.campaign.CampaignTarget;
import dev.rfm.domain.campaign.Campaigns;
import dev.rfm.domain.campaign.GroupOutcome;
import dev.rfm.domain.campaign.InvalidCampaignException;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.web.export.Downloads;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Campaigns page: every campaign, a form that creates one on a segment of the current run (ADMIN and ANALYST),
 * and one campaign's result ({@code ?id=}) with its uplifts in words, a chart and the treatment list as CSV. The
 * numbers are those of {@code GET /api/campaigns/{id}/result}: the same services, the same day (decision 0015).
 */
@Named
@ViewScoped
public class CampaignsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final List<String> SCHEMES = List.of("standard", "cn8", "custom", "lifecycle");
    static final int DEFAULT_WINDOW_DAYS = 30;

    @Inject
    Campaigns campaigns;

    @Inject
    Snapshots snapshots;

    @Inject
    CampaignsProducer calendar;

    private List<Campaign> list = List.of();
    private Long runId;
    private List<SegmentRow> segments = List.of();
    private final java.util.Map<String, List<SegmentRow>> segmentNames = new java.util.HashMap<>();

    /** The campaign shown, from {@code ?id=}; null: none. */
    private Long id;

    private Campaign campaign;
    private CampaignResult result;
    private LocalDate today;

    private String name;
    private String scheme;
    private String segment;
    private Double controlPercent;
    private Long seed;
    private LocalDate startDate;
    private Integer windowDays;

    @PostConstruct
    void init() {
        today = calendar.today();
        newCampaign();
        try {
            list = campaigns.list();
            OptionalLong current = snapshots.currentRunId();
            runId = current.isPresent() ? current.getAsLong() : null;
        } catch (SQLException e) {
            throw new IllegalStateException("The campaigns could not be read", e);
        }
        loadSegments();
        String asked = FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestParameterMap()
                .get("id");
        if (asked != null && asked.matches("\\d{1,18}")) {
            id = Long.valueOf(asked);
            open();
        }
    }

    /** Opens the campaign of {@code ?id=}, if there is one. */
    void open() {
        if (id == null) return;
        try {
            campaign = campaigns.find(id).orElse(null);
            if (campaign == null) {
                message(FacesMessage.SEVERITY_WARN, text("campaigns.gone", id));
                return;
            }
            Campaigns.Outcome outcome = campaigns.outcome(campaign, today.plusDays(1));
            result = CampaignResult.of(outcome.treatment(), outcome.control(), campaign.endDate(), today);
        } catch (SQLException e) {
            throw new IllegalStateException("The campaign could not be measured", e);
        }
    }

    public void newCampaign() {
        name = null;
        scheme = "standard";
        segment = null;
        controlPercent = CampaignPlan.DEFAULT_CONTROL_SHARE * 100;
        seed = null;
        startDate = today;
        windowDays = DEFAULT_WINDOW_DAYS;
    }

    /** The scheme changed: its segments in the current run fill the segment select. */
    public void loadSegments() {
        if (runId == null) {
            segments = List.of();
            return;
        }
        try {
            segments = snapshots.segments(runId, scheme).stream()
                    .filter(s -> s.customers() > 0)
                    .toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (segments.stream().noneMatch(s -> s.code().equals(segment))) {
            segment = segments.isEmpty() ? null : segments.get(0).code();
        }
    }

    /** Creates the campaign of the form and opens it; its problems go next to their fields. */
    public String create() {
        if (!canCreate()) return null;
        Set<String> problems = new LinkedHashSet<>();
        if (windowDays == null) problems.add("windowDays");
        if (segment == null || segment.isBlank()) problems.add("segment");
        CampaignPlan plan = null;
        try {
            plan = new CampaignPlan(
                    name,
                    new CampaignTarget.Segment(scheme, segment == null ? "" : segment, runId),
                    controlPercent == null ? -1 : controlPercent / 100,
                    seed == null ? ThreadLocalRandom.current().nextLong(CampaignRequest.SEED_BOUND) : seed,
                    startDate,
                    windowDays == null ? 1 : windowDays);
        } catch (InvalidCampaignException e) {
            e.problems().stream().map(CampaignProblem::field).forEach(problems::add);
        }
        if (seed != null && seed < 0) problems.add("seed");
        if (problems.isEmpty()) {
            try {
                ControlGroupSplit split = ControlGroupSplit.of(plan.seed(), plan.controlShare());
                Campaign created = campaigns.create(
                        plan,
                        split::isControl,
                        FacesContext.getCurrentInstance().getExternalContext().getRemoteUser(),
                        LocalDateTime.now());
                FacesContext.getCurrentInstance()
                        .getExternalContext()
                        .getFlash()
                        .setKeepMessages(true);
                message(FacesMessage.SEVERITY_INFO, text("campaigns.created", created.name()));
                return "/campaigns?faces-redirect=true&id=" + created.id();
            } catch (InvalidCampaignException e) {
                e.problems().stream().map(CampaignProblem::field).forEach(problems::add);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        for (String field : problems) {
            String shown = "runId".equals(field) ? "segment" : field;
            faces.addMessage(
                    "campaignForm:" + shown,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, text("campaigns.invalid." + shown), null));
        }
        faces.validationFailed();
        return null;
    }

    /** The treatment group as CSV: the list campaign tools get; the control group is never in it. */
    public void downloadTreatment() throws IOException {
        if (campaign == null) return;
        long shown = campaign.id();
        Downloads.csv(
                "campaign-" + shown + "-treatment.csv",
                out -> campaigns.writeMembersCsv(shown, CampaignGroup.TREATMENT, out));
    }

    // ---- words and numbers in the reader's language ----------------------------------------------------------------

    /** A campaign's target: "Standard: At risk (run 3)" or "Uploaded list". */
    public String target(Campaign c) {
        if (c.scheme() == null) return text("campaigns.uploadedList");
        return text(
                "campaigns.targetText",
                text("campaigns.scheme." + c.scheme()),
                segmentName(c),
                text("campaigns.runShort", c.runId()));
    }

    /** The segment's name in the reader's language, as its run named it; the code when the run has no summary. */
    private String segmentName(Campaign c) {
        String key = c.runId() + "/" + c.scheme();
        List<SegmentRow> rows = segmentNames.computeIfAbsent(key, k -> {
            try {
                return c.runId() == null ? List.of() : snapshots.segments(c.runId(), c.scheme());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return rows.stream()
                .filter(s -> s.code().equals(c.segment()))
                .findFirst()
                .map(this::name)
                .orElse(c.segment());
    }

    private String name(SegmentRow s) {
        boolean chinese = locale().getLanguage().equals("zh");
        return chinese && s.nameZh() != null ? s.nameZh() : s.nameEn() == null ? s.code() : s.nameEn();
    }

    /** "Complete" or "12 days left" (or "starts in 3 days"). */
    public String state(Campaign c) {
        if (c.windowEndedBy(today)) return text("campaigns.complete");
        if (today.isBefore(c.startDate())) {
            return text("campaigns.startsIn", ChronoUnit.DAYS.between(today, c.startDate()));
        }
        return text("campaigns.daysLeft", ChronoUnit.DAYS.between(today, c.endDate()));
    }

    public String count(long n) {
        return NumberFormat.getIntegerInstance(locale()).format(n);
    }

    /** A share as percent with one decimal ("12.5 %"); "—" when undefined. */
    public String percent(Double share) {
        if (share == null) return "—";
        return text("campaigns.percent", decimal(share * 100, 1));
    }

    public String money(BigDecimal amount) {
        if (amount == null) return "—";
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        format.setRoundingMode(RoundingMode.HALF_EVEN);
        return format.format(amount);
    }

    public Double repurchaseRate(GroupOutcome g) {
        return g.customers() == 0 ? null : (double) g.buyers() / g.customers();
    }

    public BigDecimal revenuePerCustomer(GroupOutcome g) {
        return g.customers() == 0
                ? null
                : g.revenue().divide(BigDecimal.valueOf(g.customers()), 4, RoundingMode.HALF_EVEN);
    }

    /** "+4.2 pp (95 % CI +1.1 to +7.3 pp)"; parts that cannot be computed say so. */
    public String getRepurchaseUpliftText() {
        return upliftText(result == null ? Uplift.UNDEFINED : result.repurchaseUplift(), 100, 1, "campaigns.pp");
    }

    /** Under the chart: both uplifts with their intervals. */
    public String getChartNote() {
        return text("campaigns.chartNote", getRepurchaseUpliftText(), getRevenueUpliftText());
    }

    /** "+3.50 (95 % CI −1.20 to +8.20)" in money per customer. */
    public String getRevenueUpliftText() {
        return upliftText(result == null ? Uplift.UNDEFINED : result.revenuePerCustomerUplift(), 1, 2, null);
    }

    private String upliftText(Uplift u, double scale, int digits, String unitKey) {
        if (u.estimate() == null) return text("campaigns.notEnoughData");
        String unit = unitKey == null ? "" : text(unitKey);
        String estimate = signed(u.estimate() * scale, digits) + unit;
        String interval = u.ci95Low() == null
                ? text("campaigns.notEnoughData")
                : text(
                        "campaigns.interval",
                        signed(u.ci95Low() * scale, digits),
                        signed(u.ci95High() * scale, digits) + unit);
        return text("campaigns.upliftText", estimate, interval);
    }

    private String signed(double value, int digits) {
        String shown = decimal(Math.abs(value), digits);
        boolean zero = decimal(0, digits).equals(shown);
        return (zero ? "±" : value > 0 ? "+" : "−") + shown;
    }

    private String decimal(double value, int digits) {
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        format.setRoundingMode(RoundingMode.HALF_EVEN);
        return format.format(value);
    }

    /**
     * Repurchase rate (%, left axis) and revenue per customer (right axis), treatment against control, as a Chart.js
     * bar chart for {@code p:chart}.
     */
    public String getChart() {
        if (result == null) return "{}";
        GroupOutcome t = result.treatment();
        GroupOutcome c = result.control();
        JsonArrayBuilder labels =
                Json.createArrayBuilder().add(text("campaigns.treatment")).add(text("campaigns.control"));
        JsonArrayBuilder rates = Json.createArrayBuilder();
        JsonArrayBuilder revenues = Json.createArrayBuilder();
        for (GroupOutcome g : List.of(t, c)) {
            Double rate = repurchaseRate(g);
            BigDecimal revenue = revenuePerCustomer(g);
            if (rate == null) rates.addNull();
            else rates.add(Math.round(rate * 1000) / 10.0);
            if (revenue == null) revenues.addNull();
            else revenues.add(revenue.setScale(2, RoundingMode.HALF_EVEN));
        }
        var datasets = Json.createArrayBuilder()
                .add(Json.createObjectBuilder()
                        .add("label", text("campaigns.chartRate"))
                        .add("data", rates)
                        .add("backgroundColor", "#3b82f6")
                        .add("yAxisID", "y"))
                .add(Json.createObjectBuilder()
                        .add("label", text("campaigns.chartRevenue"))
                        .add("data", revenues)
                        .add("backgroundColor", "#f59e0b")
                        .add("yAxisID", "y1"));
        java.util.function.Function<String, jakarta.json.JsonObjectBuilder> axisTitle =
                key -> Json.createObjectBuilder().add("display", true).add("text", text(key));
        var scales = Json.createObjectBuilder()
                .add(
                        "y",
                        Json.createObjectBuilder()
                                .add("beginAtZero", true)
                                .add("position", "left")
                                .add("title", axisTitle.apply("campaigns.chartRate")))
                .add(
                        "y1",
                        Json.createObjectBuilder()
                                .add("beginAtZero", true)
                                .add("position", "right")
                                .add("grid", Json.createObjectBuilder().add("drawOnChartArea", false))
                                .add("title", axisTitle.apply("campaigns.chartRevenue")));
        return Json.createObjectBuilder()
                .add("type", "bar")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add(
                        "options",
                        Json.createObjectBuilder()
                                .add("maintainAspectRatio", false)
                                .add("animation", false)
                                .add("scales", scales))
                .build()
                .toString();
    }

    private static Locale locale() {
        return FacesContext.getCurrentInstance().getViewRoot().getLocale();
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, ""));
    }

    /** A segment's name in the reader's language with its size: "At risk (1,234)". */
    public String segmentLabel(SegmentRow s) {
        return text("campaigns.segmentOption", name(s), count(s.customers()));
    }

    // ---- state
    // -------------------------------------------------------------------------------------------------------

    public boolean canCreate() {
        var external = FacesContext.getCurrentInstance().getExternalContext();
        return external.isUserInRole("ADMIN") || external.isUserInRole("ANALYST");
    }

    public List<Campaign> getList() {
        return list;
    }

    public Long getRunId() {
        return runId;
    }

    public List<SegmentRow> getSegments() {
        return segments;
    }

    public List<String> getSchemes() {
        return SCHEMES;
    }

    public Campaign getCampaign() {
        return campaign;
    }

    public CampaignResult getResult() {
        return result;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getScheme() {
        return scheme;
    }

    public void setScheme(String scheme) {
        this.scheme = scheme;
    }

    public String getSegment() {
        return segment;
    }

    public void setSegment(String segment) {
        this.segment = segment;
    }

    public Double getControlPercent() {
        return controlPercent;
    }

    public void setControlPercent(Double controlPercent) {
        this.controlPercent = controlPercent;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public LocalDate getStartDate() {
        return startDate;
    }

    public void setStartDate(LocalDate startDate) {
        this.startDate = startDate;
    }

    public Integer getWindowDays() {
        return windowDays;
    }

    public void setWindowDays(Integer windowDays) {
        this.windowDays = windowDays;
    }
}
