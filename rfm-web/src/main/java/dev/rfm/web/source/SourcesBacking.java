package dev.rfm.web.source;

import static dev.rfm.web.i18n.Texts.text;

import dev.rfm.domain.demo.DemoShop;
import dev.rfm.domain.ingest.ImportRecord;
import dev.rfm.domain.source.InvalidSourceException;
import dev.rfm.domain.source.SourceDefinition;
import dev.rfm.domain.source.SourcePreview;
import dev.rfm.domain.source.StoredSource;
import dev.rfm.web.ingest.Importer;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.SQLException;
import java.text.NumberFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.primefaces.PrimeFaces;

/**
 * The Data sources page (ADMIN): the sources with their last pull, a form to add or change one (the password is
 * write-only: left empty it keeps the stored one), "Test connection" on the form's unsaved values and "Pull now". The
 * rules are the sources' own ({@link SourceDefinition}); their problems are shown next to the field they are about.
 */
@Named
@ViewScoped
public class SourcesBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern EVERY = Pattern.compile("every (\\d+) minutes?");

    /** The ways a source is pulled by itself, as the form offers them. */
    static final List<String> SCHEDULE_KINDS = List.of("MANUAL", "DAILY", "EVERY");

    @Inject
    SourceDesk desk;

    @Inject
    Importer importer;

    /** A source as the list shows it, with its latest pull ({@code null}: never pulled). */
    public record Line(StoredSource source, ImportRecord lastPull) {}

    private List<Line> lines;

    /** The source the form edits; null for a new one. */
    private Long editing;

    private String name;
    private String jdbcUrl;
    private String user;
    private String password;
    private String query;
    private String watermarkColumn;
    private Integer overlapMinutes;
    private String scheduleKind;
    private String dailyAt;
    private Integer everyMinutes;
    private boolean enabled;

    /** The form holds the demo shop's settings: its password is shown (as dots) so a save or test sends it. */
    private boolean demoShopFilled;

    private SourcePreview.Result preview;
    private String previewError;

    private Long pullId;
    private ImportRecord pull;

    @PostConstruct
    void init() {
        newSource();
        reload();
    }

    public void newSource() {
        editing = null;
        name = null;
        jdbcUrl = null;
        user = null;
        password = null;
        query = null;
        watermarkColumn = null;
        overlapMinutes = SourceDefinition.DEFAULT_OVERLAP_MINUTES;
        scheduleKind = "MANUAL";
        dailyAt = "06:00";
        everyMinutes = 60;
        enabled = true;
        demoShopFilled = false;
        clearPreview();
    }

    /** Fills the form with the demo shop's database, pulled every 5 minutes; the user saves it. */
    public void useDemoShop() {
        var shop = desk.demoShop();
        if (shop.isEmpty()) return;
        newSource();
        name = text("sources.demoShop.name");
        jdbcUrl = shop.get().url();
        user = DemoShop.READER;
        password = DemoShop.READER_PASSWORD;
        query = DemoShop.QUERY;
        watermarkColumn = DemoShop.WATERMARK;
        scheduleKind = "EVERY";
        everyMinutes = 5;
        demoShopFilled = true;
    }

    public boolean isDemoShopAvailable() {
        return editing == null && desk.demoShop().isPresent();
    }

    public boolean isDemoShopFilled() {
        return demoShopFilled;
    }

    public void edit(long id) {
        Line found =
                lines.stream().filter(l -> l.source().id() == id).findFirst().orElse(null);
        if (found == null) {
            message(FacesMessage.SEVERITY_WARN, text("sources.gone"));
            reload();
            return;
        }
        SourceDefinition d = found.source().definition();
        editing = id;
        name = d.name();
        jdbcUrl = d.jdbcUrl();
        user = d.user();
        password = null;
        query = d.query();
        watermarkColumn = d.watermarkColumn();
        overlapMinutes = d.overlapMinutes();
        String schedule = d.schedule().text();
        Matcher every = EVERY.matcher(schedule);
        if (schedule.isEmpty()) {
            scheduleKind = "MANUAL";
        } else if (every.matches()) {
            scheduleKind = "EVERY";
            everyMinutes = Integer.parseInt(every.group(1));
        } else {
            scheduleKind = "DAILY";
            dailyAt = schedule;
        }
        enabled = d.enabled();
        clearPreview();
    }

    /** Stores the form's source; its problems go next to their fields. */
    public void save() {
        SourceDefinition definition = checked();
        if (definition == null) {
            return;
        }
        String secret = password == null || password.isEmpty() ? null : password;
        try {
            if (editing == null) {
                desk.sources().create(definition, secret);
            } else if (desk.sources().update(editing, definition, secret).isEmpty()) {
                message(FacesMessage.SEVERITY_WARN, text("sources.gone"));
                newSource();
                reload();
                return;
            }
        } catch (InvalidSourceException e) {
            // the name is taken: the store names the field
            problems(e.problems());
            return;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        message(FacesMessage.SEVERITY_INFO, text("sources.saved", definition.name()));
        newSource();
        reload();
    }

    /** Runs the form's query as it stands, unsaved; with an empty password when editing, the stored one. */
    public void test() {
        clearPreview();
        SourceDefinition definition = checked();
        if (definition == null) {
            return;
        }
        try {
            Line stored = editing == null
                    ? null
                    : lines.stream()
                            .filter(l -> l.source().id() == editing)
                            .findFirst()
                            .orElse(null);
            if (stored != null && (password == null || password.isEmpty())) {
                StoredSource s = stored.source();
                preview = desk.preview(new StoredSource(
                        s.id(), definition, s.hasPassword(), s.watermark(), s.createdAt(), s.updatedAt()));
            } else {
                preview = desk.preview(definition, password == null || password.isEmpty() ? null : password);
            }
        } catch (SQLException | IllegalStateException e) {
            previewError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /** Starts a pull of the source; the page follows its import record until it ends. */
    public void pullNow(long id) {
        String by = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
        try {
            var started = desk.startPull(id, by);
            if (started.isEmpty()) {
                message(FacesMessage.SEVERITY_WARN, text("sources.gone"));
                reload();
                return;
            }
            pullId = started.get();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        followPull();
        message(FacesMessage.SEVERITY_INFO, text("sources.pullStarted", pullId));
    }

    /** Polled while a pull runs: reads its import record, and the list once it has ended. */
    public void followPull() {
        if (pullId == null) {
            return;
        }
        try {
            pull = importer.find(pullId).orElse(null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (!isPullRunning()) {
            reload();
        }
    }

    public boolean isPullRunning() {
        return pullId != null && (pull == null || "QUEUED".equals(pull.status()));
    }

    /** A schedule in words: "By hand", "Daily at 06:00", "Every 15 minutes". */
    public String scheduleText(SourceDefinition d) {
        String schedule = d.schedule().text();
        Matcher every = EVERY.matcher(schedule);
        if (schedule.isEmpty()) {
            return text("sources.schedule.MANUAL");
        }
        return every.matches()
                ? text("sources.scheduleText.EVERY", Integer.parseInt(every.group(1)))
                : text("sources.scheduleText.DAILY", schedule);
    }

    /** A count in the reader's language (digit grouping). */
    public String number(long n) {
        return NumberFormat.getIntegerInstance(
                        FacesContext.getCurrentInstance().getViewRoot().getLocale())
                .format(n);
    }

    /** The schedule as the back end reads it: blank, "HH:mm" or "every N minutes". */
    String schedule() {
        return switch (scheduleKind == null ? "MANUAL" : scheduleKind) {
            case "DAILY" -> dailyAt == null ? "" : dailyAt.strip();
            case "EVERY" -> everyMinutes == null ? "every ? minutes" : "every " + everyMinutes + " minutes";
            default -> "";
        };
    }

    /** The form's definition, or null after putting each problem next to its field. */
    private SourceDefinition checked() {
        try {
            return desk.definition(new SourceFields(
                    name,
                    jdbcUrl,
                    user,
                    password,
                    query,
                    watermarkColumn,
                    schedule(),
                    overlapMinutes,
                    enabled,
                    Map.of()));
        } catch (InvalidSourceException e) {
            problems(e.problems());
            return null;
        }
    }

    private void problems(Map<String, String> problems) {
        FacesContext faces = FacesContext.getCurrentInstance();
        boolean english = faces.getViewRoot().getLocale().getLanguage().equals("en");
        problems.forEach((field, problem) -> {
            String component =
                    "schedule".equals(field) ? ("DAILY".equals(scheduleKind) ? "dailyAt" : "everyMinutes") : field;
            String shown = english ? problem : text("sources.invalid." + field);
            faces.addMessage("sourceForm:" + component, new FacesMessage(FacesMessage.SEVERITY_ERROR, shown, null));
        });
        faces.validationFailed();
    }

    private void clearPreview() {
        preview = null;
        previewError = null;
    }

    private void reload() {
        try {
            Map<Long, ImportRecord> last = importer.lastPullOfEachSource();
            lines = desk.sources().all().stream()
                    .map(s -> new Line(s, last.get(s.id())))
                    .toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page message in the growl; updated only with it, so the field problems are not repeated there. */
    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, ""));
        PrimeFaces.current().ajax().update("messages");
    }

    public List<Line> getLines() {
        return lines;
    }

    public List<String> getScheduleKinds() {
        return SCHEDULE_KINDS;
    }

    public boolean isEditingExisting() {
        return editing != null;
    }

    public SourcePreview.Result getPreview() {
        return preview;
    }

    public String getPreviewError() {
        return previewError;
    }

    /** The preview's rows with their index, for the table's dynamic columns. */
    public List<List<String>> getPreviewRows() {
        return preview == null ? List.of() : preview.rows();
    }

    public Long getPullId() {
        return pullId;
    }

    public ImportRecord getPull() {
        return pull;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getJdbcUrl() {
        return jdbcUrl;
    }

    public void setJdbcUrl(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return null; // write-only: never shown
    }

    /**
     * Keeps a password typed once: the field is never filled again (it would put the password into the page), so
     * an empty field after "Test connection" or a refused save must not forget it.
     */
    public void setPassword(String password) {
        if (password != null && !password.isEmpty()) {
            this.password = password;
        }
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public String getWatermarkColumn() {
        return watermarkColumn;
    }

    public void setWatermarkColumn(String watermarkColumn) {
        this.watermarkColumn = watermarkColumn;
    }

    public Integer getOverlapMinutes() {
        return overlapMinutes;
    }

    public void setOverlapMinutes(Integer overlapMinutes) {
        this.overlapMinutes = overlapMinutes;
    }

    public String getScheduleKind() {
        return scheduleKind;
    }

    public void setScheduleKind(String scheduleKind) {
        this.scheduleKind = scheduleKind;
    }

    public String getDailyAt() {
        return dailyAt;
    }

    public void setDailyAt(String dailyAt) {
        this.dailyAt = dailyAt;
    }

    public Integer getEveryMinutes() {
        return everyMinutes;
    }

    public void setEveryMinutes(Integer everyMinutes) {
        this.everyMinutes = everyMinutes;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
