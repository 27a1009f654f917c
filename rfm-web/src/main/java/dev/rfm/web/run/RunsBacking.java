package dev.rfm.web.run;

import static dev.rfm.web.i18n.Texts.bundle;
import static dev.rfm.web.i18n.Texts.text;

import dev.rfm.analytics.run.RunRequest;
import dev.rfm.analytics.run.RunTrigger;
import dev.rfm.analytics.run.ScoringRuns;
import dev.rfm.domain.snapshot.RunHistoryRow;
import dev.rfm.domain.snapshot.RunRecord;
import dev.rfm.domain.snapshot.RunStatus;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.domain.user.Role;
import dev.rfm.web.i18n.KnownMessages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import org.primefaces.PrimeFaces;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Backs {@code runs.xhtml}: the run history page by page, the run in progress (polled while it works), "run now" and
 * cancel. Starting and cancelling go through {@link ScoringRuns} as {@code /api/runs} does, with the same roles checked
 * here again: the page hides the buttons, the server refuses.
 */
@Named
@ViewScoped
public class RunsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ScoringRuns runs;

    @Inject
    Snapshots snapshots;

    private final History history = new History();
    private RunRecord newest;
    /** The run this page waits for (started here, or working when the page opened) until it has been seen to end. */
    private Long followed;

    private LocalDate referenceDate;

    @PostConstruct
    void load() {
        loadNewest();
        if (isActive()) followed = newest.id();
    }

    /** Called by the poll: re-reads the newest run and, once the followed run has ended, says how. */
    public void refresh() throws SQLException {
        loadNewest();
        if (followed == null && isActive()) followed = newest.id(); // e.g. the timer's, started while one was watched
        if (followed == null) return;
        RunRecord run = snapshots.run(followed).orElse(null);
        if (run == null || run.status().isFinished()) followed = null; // a run deleted meanwhile is not awaited
        if (run == null || !run.status().isFinished()) return;
        boolean succeeded = run.status() == RunStatus.SUCCEEDED;
        // the poll renders the growl only when it has news: rendered on every tick, it would wipe this at once
        PrimeFaces.current().ajax().update("messages");
        message(
                succeeded ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_ERROR,
                text(succeeded ? "runs.finished" : "runs.failed", String.valueOf(run.id())),
                succeeded || run.error() == null ? "" : run.error());
    }

    /**
     * Whether the page polls: while it follows a run. Not simply "a run is active": a small run can end before the
     * answer to "run now" is rendered, and the page must still hear of its end.
     */
    public boolean isPolling() {
        return followed != null;
    }

    public void runNow() throws SQLException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        if (!canRun()) {
            refuse(external, "runs.runRefused");
            return;
        }
        LocalDate today = LocalDate.now();
        LocalDate date = referenceDate == null ? today : referenceDate;
        if (!ReferenceDates.accepted(date, today)) {
            // beside the field: the date picker's own limits keep honest users from getting here
            FacesContext.getCurrentInstance()
                    .addMessage(
                            "runsForm:referenceDate",
                            new FacesMessage(
                                    FacesMessage.SEVERITY_ERROR,
                                    text(
                                            "runs.badReferenceDate",
                                            ReferenceDates.EARLIEST,
                                            ReferenceDates.latest(today)),
                                    ""));
            FacesContext.getCurrentInstance().validationFailed();
            return;
        }
        RunRequest request = runs.request(date, RunTrigger.MANUAL, external.getRemoteUser());
        loadNewest();
        followed = request.runId(); // when busy, the run in progress: its end is worth hearing of too
        if (request.started()) {
            message(FacesMessage.SEVERITY_INFO, text("runs.started", String.valueOf(request.runId()), date), "");
        } else {
            // what POST /api/runs answers with 409
            message(FacesMessage.SEVERITY_WARN, text("runs.busy", String.valueOf(request.runId())), "");
        }
    }

    public void cancel() throws SQLException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        if (!canCancel()) {
            refuse(external, "runs.cancelRefused");
            return;
        }
        if (isActive() && runs.cancel(newest.id())) {
            message(FacesMessage.SEVERITY_INFO, text("runs.cancelRequested", String.valueOf(newest.id())), "");
        } else {
            message(FacesMessage.SEVERITY_WARN, text("runs.notRunning"), "");
        }
        loadNewest();
    }

    private void refuse(ExternalContext external, String key) {
        external.setResponseStatus(403);
        message(FacesMessage.SEVERITY_ERROR, text(key), "");
    }

    public boolean canRun() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        return external.isUserInRole(Role.ADMIN_NAME) || external.isUserInRole(Role.ANALYST_NAME);
    }

    public boolean canCancel() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole(Role.ADMIN_NAME);
    }

    private void loadNewest() {
        try {
            newest = snapshots.recentRuns(1).stream().findFirst().orElse(null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a run is queued or working: the only run that can be, as runs never overlap, is the newest. */
    public boolean isActive() {
        return newest != null && !newest.status().isFinished();
    }

    /** The run in progress, or null. */
    public RunRecord getRunning() {
        return isActive() ? newest : null;
    }

    public int getPercent() {
        return isActive() ? (int) Math.floor(Math.max(0, Math.min(1, newest.progress())) * 100) : 0;
    }

    public LazyDataModel<RunHistoryRow> getHistory() {
        return history;
    }

    public LocalDate getReferenceDate() {
        return referenceDate;
    }

    public void setReferenceDate(LocalDate referenceDate) {
        this.referenceDate = referenceDate;
    }

    public LocalDate getEarliestReferenceDate() {
        return ReferenceDates.EARLIEST;
    }

    public LocalDate getLatestReferenceDate() {
        return ReferenceDates.latest(LocalDate.now());
    }

    /** A run's stored error in the reader's language. */
    public String error(String error) {
        return KnownMessages.ofView().runError(error);
    }

    /** A run's phase in the reader's language ("reading orders" → "读取订单"), as stored when no label exists. */
    public String phase(String phase) {
        return phaseLabel(phase);
    }

    /** {@link #phase} for other pages. */
    public static String phaseLabel(String phase) {
        if (phase == null) return "";
        try {
            return bundle().getString("runs.phase." + phase.replace(' ', '-'));
        } catch (MissingResourceException e) {
            return phase;
        }
    }

    /** How long a run took, or has taken so far, as {@code 1h 02m 03s}, {@code 2m 05s} or {@code 4.2s}. */
    public static String duration(LocalDateTime started, LocalDateTime finished) {
        if (started == null) return "";
        Duration d = Duration.between(started, finished == null ? LocalDateTime.now() : finished);
        if (d.isNegative()) d = Duration.ZERO;
        long seconds = d.toSeconds();
        if (seconds < 60) return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        if (seconds < 3600) return String.format(java.util.Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        return String.format(
                java.util.Locale.ROOT, "%dh %02dm %02ds", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    }

    /** Summary and an empty detail: a message without detail shows its summary twice in the growl. */
    private static void message(FacesMessage.Severity severity, String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, summary, detail));
    }

    /** The run history, newest first, read a page at a time. */
    private final class History extends LazyDataModel<RunHistoryRow> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            try {
                return (int) Math.min(Integer.MAX_VALUE, snapshots.runCount());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<RunHistoryRow> load(
                int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            try {
                return snapshots.runHistory(first, pageSize);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String getRowKey(RunHistoryRow row) {
            return Long.toString(row.run().id());
        }
    }
}
