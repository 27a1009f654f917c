package dev.rfm.web.report;

import static dev.rfm.web.i18n.Texts.text;

import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.reports.delivery.ArchivedReport;
import dev.rfm.reports.delivery.DeliveryEngine;
import dev.rfm.reports.delivery.ReportDesk;
import dev.rfm.reports.pdf.ReportFontsUnavailable;
import dev.rfm.reports.pdf.SegmentReports;
import dev.rfm.reports.schedule.Cadence;
import dev.rfm.reports.schedule.InvalidSchedule;
import dev.rfm.reports.schedule.ReportSchedule;
import dev.rfm.reports.schedule.ScheduleDraft;
import dev.rfm.reports.schedule.ScheduleSettings;
import dev.rfm.web.export.Downloads;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.Serializable;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The Reports page: report schedules (create, edit, delete, send now), the archive with its PDFs, the current run's
 * report to download, and a test e-mail. Every rule is the schedules' own ({@link ScheduleDraft}); their problems
 * are shown next to the field they are about.
 */
@Named
@ViewScoped
public class ReportsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final List<String> SCHEMES = List.of("standard", "cn8", "custom", "lifecycle");
    static final List<String> LOCALES = List.of("en", "zh-CN");

    @Inject
    ReportDesk desk;

    @Inject
    SegmentReports reports;

    @Inject
    Snapshots snapshots;

    private List<ReportSchedule> schedules;
    private final ArchiveRows archive = new ArchiveRows();

    /** The schedule the form edits; null for a new one. */
    private Long editing;

    private String name;
    private String scheme;
    private String locale;
    private String recipients;
    private String cadence;
    private String time;
    private String dayOfWeek;
    private Integer dayOfMonth;
    private Integer topCustomers;
    private boolean enabled;

    private String downloadScheme = "standard";
    private String downloadLocale;
    private String testAddress;
    private String testLocale;

    @PostConstruct
    void init() {
        newSchedule();
        downloadLocale = viewLocaleTag();
        testLocale = downloadLocale;
        reload();
    }

    public void newSchedule() {
        editing = null;
        name = null;
        scheme = "standard";
        locale = viewLocaleTag();
        recipients = null;
        cadence = Cadence.AFTER_RUN.name();
        time = "08:00";
        dayOfWeek = DayOfWeek.MONDAY.name();
        dayOfMonth = 1;
        topCustomers = ScheduleDraft.DEFAULT_TOP_CUSTOMERS;
        enabled = true;
    }

    public void edit(long id) {
        ReportSchedule found =
                schedules.stream().filter(s -> s.id() == id).findFirst().orElse(null);
        if (found == null) {
            message(FacesMessage.SEVERITY_WARN, text("reports.gone"));
            reload();
            return;
        }
        ScheduleSettings s = found.settings();
        editing = id;
        name = s.name();
        scheme = s.scheme();
        locale = s.locale();
        recipients = String.join("\n", s.recipients());
        cadence = s.cadence().name();
        time = s.time() == null ? "08:00" : s.time().toString();
        dayOfWeek =
                s.dayOfWeek() == null ? DayOfWeek.MONDAY.name() : s.dayOfWeek().name();
        dayOfMonth = s.dayOfMonth() == null ? 1 : s.dayOfMonth();
        topCustomers = s.topCustomers();
        enabled = s.enabled();
    }

    /** Stores the form's schedule; its problems go next to their fields. */
    public void save() {
        Cadence chosen = Cadence.valueOf(cadence);
        ScheduleDraft draft = new ScheduleDraft(
                name,
                scheme,
                locale,
                recipients == null
                        ? List.of()
                        : Arrays.stream(recipients.split("[,;\\s]+"))
                                .filter(r -> !r.isBlank())
                                .toList(),
                cadence,
                chosen.timed() ? time : null,
                chosen == Cadence.WEEKLY ? dayOfWeek : null,
                chosen == Cadence.MONTHLY ? dayOfMonth : null,
                topCustomers,
                enabled);
        String user = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
        try {
            if (editing == null) {
                desk.create(draft, user);
            } else {
                desk.update(editing, draft, user);
            }
        } catch (InvalidSchedule e) {
            FacesContext faces = FacesContext.getCurrentInstance();
            e.problems()
                    .forEach(p -> faces.addMessage(
                            "scheduleForm:" + p.field(),
                            new FacesMessage(FacesMessage.SEVERITY_ERROR, problem(p.field(), p.message()), null)));
            faces.validationFailed();
            return;
        } catch (ReportDesk.NoSuchSchedule e) {
            message(FacesMessage.SEVERITY_WARN, text("reports.gone"));
            newSchedule();
            reload();
            return;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        message(FacesMessage.SEVERITY_INFO, text("reports.saved", name));
        newSchedule();
        reload();
    }

    public void delete(long id) {
        try {
            desk.delete(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (editing != null && editing == id) newSchedule();
        message(FacesMessage.SEVERITY_INFO, text("reports.deleted"));
        reload();
    }

    /** Archives the current run's report for the schedule and sends it at once. */
    public void sendNow(long id) {
        try {
            long delivery = desk.sendNow(id);
            message(FacesMessage.SEVERITY_INFO, text("reports.sending", delivery));
        } catch (DeliveryEngine.NoRunYet e) {
            message(FacesMessage.SEVERITY_WARN, text("reports.noRun"));
        } catch (ReportDesk.NoSuchSchedule e) {
            message(FacesMessage.SEVERITY_WARN, text("reports.gone"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        reload();
    }

    public void sendTestMail() {
        if (testAddress == null || testAddress.isBlank()) {
            FacesContext.getCurrentInstance()
                    .addMessage(
                            "testForm:testAddress",
                            new FacesMessage(FacesMessage.SEVERITY_ERROR, text("reports.testAddressMissing"), null));
            FacesContext.getCurrentInstance().validationFailed();
            return;
        }
        try {
            desk.sendTestMail(testAddress.strip(), testLocale);
            message(FacesMessage.SEVERITY_INFO, text("reports.testSent", testAddress.strip()));
        } catch (MessagingException e) {
            message(FacesMessage.SEVERITY_ERROR, text("reports.testFailed", e.getMessage()));
        }
    }

    /** The current run's report in the chosen scheme and language. */
    public void downloadCurrent() throws IOException {
        long run;
        try {
            var current = snapshots.currentRunId();
            if (current.isEmpty()) {
                message(FacesMessage.SEVERITY_WARN, text("reports.noRun"));
                return;
            }
            run = current.getAsLong();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Locale language = Locale.forLanguageTag(downloadLocale);
        byte[] pdf;
        try {
            pdf = reports.render(run, downloadScheme, language, ScheduleDraft.DEFAULT_TOP_CUSTOMERS);
        } catch (ReportFontsUnavailable e) {
            message(FacesMessage.SEVERITY_ERROR, e.getMessage()); // for the administrator: it names a JVM option
            return;
        }
        Downloads.pdf("segment-report-run-" + run + "-" + downloadScheme + "-" + downloadLocale + ".pdf", pdf);
    }

    /** An archived report's PDF, as it was sent. */
    public void downloadArchived(long id) throws IOException {
        try {
            var pdf = desk.pdf(id);
            if (pdf.isEmpty()) {
                message(FacesMessage.SEVERITY_WARN, text("reports.gone"));
                return;
            }
            Downloads.pdf("segment-report-" + id + ".pdf", pdf.get());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void refreshArchive() {
        // the table re-reads its page; nothing to keep
    }

    /** A schedule's cadence in words: "After each run", "Weekly on Monday at 08:00". */
    public String cadenceText(ScheduleSettings s) {
        String time = s.time() == null ? "" : s.time().toString();
        return switch (s.cadence()) {
            case AFTER_RUN -> text("reports.cadence.AFTER_RUN");
            case DAILY -> text("reports.cadenceText.DAILY", time);
            case WEEKLY ->
                text(
                        "reports.cadenceText.WEEKLY",
                        text("reports.day." + s.dayOfWeek().name()),
                        time);
            case MONTHLY -> text("reports.cadenceText.MONTHLY", s.dayOfMonth(), time);
        };
    }

    /** Addresses as one line. */
    public String list(List<String> addresses) {
        return addresses == null ? "" : String.join(", ", addresses);
    }

    /** A problem with a field in the reader's language: the rule's own words in English, the field's hint else. */
    static String problem(String field, String message) {
        FacesContext faces = FacesContext.getCurrentInstance();
        boolean english = faces.getViewRoot().getLocale().getLanguage().equals("en");
        return english ? message : text("reports.invalid." + field);
    }

    private void reload() {
        try {
            schedules = desk.schedules();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, ""));
    }

    private static String viewLocaleTag() {
        return FacesContext.getCurrentInstance()
                        .getViewRoot()
                        .getLocale()
                        .getLanguage()
                        .equals("zh")
                ? "zh-CN"
                : "en";
    }

    /** The archive, newest first, one SQL page per request. */
    public class ArchiveRows extends LazyDataModel<ArchivedReport> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            try {
                return (int) Math.min(Integer.MAX_VALUE, desk.archiveSize());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<ArchivedReport> load(
                int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            try {
                return desk.archive(first / pageSize, pageSize);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String getRowKey(ArchivedReport row) {
            return Long.toString(row.id());
        }

        @Override
        public ArchivedReport getRowData(String rowKey) {
            List<ArchivedReport> shown = getWrappedData();
            return shown == null
                    ? null
                    : shown.stream()
                            .filter(r -> Long.toString(r.id()).equals(rowKey))
                            .findFirst()
                            .orElse(null);
        }
    }

    public List<ReportSchedule> getSchedules() {
        return schedules;
    }

    public ArchiveRows getArchive() {
        return archive;
    }

    public List<String> getSchemes() {
        return SCHEMES;
    }

    public List<String> getLocales() {
        return LOCALES;
    }

    public List<String> getCadences() {
        return Arrays.stream(Cadence.values()).map(Enum::name).toList();
    }

    public List<String> getDaysOfWeek() {
        return Arrays.stream(DayOfWeek.values()).map(Enum::name).toList();
    }

    public boolean isEditingExisting() {
        return editing != null;
    }

    public boolean isTimed() {
        return cadence != null && Cadence.valueOf(cadence).timed();
    }

    public boolean isWeekly() {
        return Cadence.WEEKLY.name().equals(cadence);
    }

    public boolean isMonthly() {
        return Cadence.MONTHLY.name().equals(cadence);
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

    public String getLocale() {
        return locale;
    }

    public void setLocale(String locale) {
        this.locale = locale;
    }

    public String getRecipients() {
        return recipients;
    }

    public void setRecipients(String recipients) {
        this.recipients = recipients;
    }

    public String getCadence() {
        return cadence;
    }

    public void setCadence(String cadence) {
        this.cadence = cadence;
    }

    public String getTime() {
        return time;
    }

    public void setTime(String time) {
        this.time = time;
    }

    public String getDayOfWeek() {
        return dayOfWeek;
    }

    public void setDayOfWeek(String dayOfWeek) {
        this.dayOfWeek = dayOfWeek;
    }

    public Integer getDayOfMonth() {
        return dayOfMonth;
    }

    public void setDayOfMonth(Integer dayOfMonth) {
        this.dayOfMonth = dayOfMonth;
    }

    public Integer getTopCustomers() {
        return topCustomers;
    }

    public void setTopCustomers(Integer topCustomers) {
        this.topCustomers = topCustomers;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getDownloadScheme() {
        return downloadScheme;
    }

    public void setDownloadScheme(String downloadScheme) {
        this.downloadScheme = downloadScheme;
    }

    public String getDownloadLocale() {
        return downloadLocale;
    }

    public void setDownloadLocale(String downloadLocale) {
        this.downloadLocale = downloadLocale;
    }

    public String getTestAddress() {
        return testAddress;
    }

    public void setTestAddress(String testAddress) {
        this.testAddress = testAddress;
    }

    public String getTestLocale() {
        return testLocale;
    }

    public void setTestLocale(String testLocale) {
        this.testLocale = testLocale;
    }
}
