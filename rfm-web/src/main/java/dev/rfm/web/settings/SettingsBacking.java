package dev.rfm.web.settings;

import static dev.rfm.web.i18n.Texts.text;

import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.migration.MigrationMatrix;
import dev.rfm.analytics.migration.ProfileChangePreview;
import dev.rfm.analytics.profile.Preset;
import dev.rfm.analytics.profile.ScoringProfile;
import dev.rfm.analytics.profile.ScoringProfileText;
import dev.rfm.analytics.run.ProfilePreviews;
import dev.rfm.analytics.run.ScoringProfiles;
import dev.rfm.analytics.run.ScoringProfiles.StoredProfile;
import dev.rfm.analytics.segment.Cn8Segment;
import dev.rfm.analytics.segment.StandardSegment;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.domain.snapshot.Snapshots;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backs {@code settings.xhtml} (ADMIN): the active scoring profile as a form ({@link ProfileForm}), "start from a
 * preset", a background preview of how the draft moves customers ({@link ProfilePreviews}) and saving through {@link
 * ScoringProfiles} (the path of {@code PUT /api/profiles}).
 */
@Named
@ViewScoped
public class SettingsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ScoringProfiles profiles;

    @Inject
    ProfilePreviews previews;

    @Inject
    Snapshots snapshots;

    private ProfileForm form;
    private String preset;
    private StoredProfile active;
    private boolean saved;

    private String previewJob;
    private long previewRun;
    private LocalDate previewDate;
    private int previewPercent;
    private boolean previewFailed;
    private ProfileChangePreview preview;
    /** The form changed (a preset loaded) since the shown preview was computed; typing marks it in the browser. */
    private boolean previewStale;
    /** Custom segment names of the compared run, by code, in both languages (en, zh). */
    private Map<String, String[]> customNames = Map.of();

    @PostConstruct
    void load() {
        try {
            ScoringProfile profile = profiles.active();
            active = profiles.activeStored().orElse(null);
            form = ProfileForm.of(profile);
            preset = active == null ? Preset.RETAIL.name() : active.preset();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fills the form with the chosen preset; nothing is stored until Save. */
    public void loadPreset() {
        Preset chosen = Preset.valueOf(preset);
        form = ProfileForm.of(chosen.profile());
        saved = false;
        previewStale = preview != null;
        info(text("settings.presetLoaded", text("settings.preset." + chosen.name())));
    }

    /** Starts the preview of the form's draft against the current run. */
    public void startPreview() {
        Optional<ScoringProfile> draft = draft();
        if (draft.isEmpty()) return;
        try {
            ProfilePreviews.Job job = previews.start(draft.get());
            previewJob = job.id();
            previewRun = job.runId();
            previewDate = job.referenceDate();
            previewPercent = 0;
            previewFailed = false;
            preview = null;
            previewStale = false;
        } catch (ProfilePreviews.PreviewRefused e) {
            warn(text(
                    e.reason() == ProfilePreviews.Refusal.NO_RUN ? "settings.preview.noRun" : "settings.preview.busy"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The poll's listener: progress, then the result. */
    public void refreshPreview() {
        Optional<ProfilePreviews.Job> job = previews.job(previewJob);
        if (job.isEmpty()) {
            previewJob = null;
            return;
        }
        previewPercent = (int) Math.round(job.get().progress() * 100);
        if (job.get().finished()) {
            previewJob = null;
            previewFailed = job.get().failed();
            preview = job.get().result().orElse(null);
            if (previewFailed) warn(text("settings.preview.failed"));
            if (preview != null) customNames = customNames(previewRun);
        }
    }

    /** Stores the form's profile and makes it the one runs use. */
    public void save() {
        Optional<ScoringProfile> draft = draft();
        if (draft.isEmpty()) return;
        ScoringProfile profile = draft.get();
        String presetName = Preset.valueOf(preset).profile().equals(profile) ? preset : null;
        try {
            String user = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
            profiles.save(ScoringProfileText.encode(profile), presetName, true, user);
            active = profiles.activeStored().orElse(null);
            form = ProfileForm.of(profiles.active());
            saved = true;
            info(text("settings.saved", profile.name()));
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The form's profile, or its problems added next to their fields. */
    private Optional<ScoringProfile> draft() {
        ProfileForm.Outcome outcome = form.read();
        if (outcome.profile().isPresent()) return outcome.profile();
        FacesContext faces = FacesContext.getCurrentInstance();
        for (Map.Entry<String, ProfileForm.Problem> p : outcome.problems().entrySet()) {
            String message = text(
                    "settings.invalid." + p.getValue().key(),
                    p.getValue().arguments().toArray());
            String clientId = p.getKey().equals("general") ? null : "settingsForm:" + p.getKey();
            faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
        }
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text("settings.invalid"), ""));
        faces.validationFailed();
        saved = false;
        return Optional.empty();
    }

    /** A standard segment's or stage's name in the page's language; "none" for customers without one. */
    public String segmentName(String code) {
        if (MigrationMatrix.NONE.equals(code)) return text("settings.preview.none");
        boolean chinese = chinese();
        for (StandardSegment s : StandardSegment.values()) {
            if (s.name().equals(code))
                return chinese ? s.definition().nameZh() : s.definition().nameEn();
        }
        for (Cn8Segment s : Cn8Segment.values()) {
            if (s.name().equals(code))
                return chinese ? s.definition().nameZh() : s.definition().nameEn();
        }
        for (LifecycleStage s : LifecycleStage.values()) {
            if (s.name().equals(code)) return chinese ? s.nameZh() : s.nameEn();
        }
        return code;
    }

    /** A custom segment's name as the compared run stored it ("Other" included); the code if unknown. */
    public String customName(String code) {
        if (MigrationMatrix.NONE.equals(code)) return text("settings.preview.none");
        String[] names = customNames.get(code);
        return names == null ? code : names[chinese() ? 1 : 0];
    }

    public boolean isPreviewHasCustom() {
        return preview != null
                && (preview.customKept() > 0 || !preview.customMoves().isEmpty());
    }

    public boolean isPreviewStale() {
        return previewStale;
    }

    private Map<String, String[]> customNames(long runId) {
        try {
            Map<String, String[]> names = new HashMap<>();
            for (SegmentRow row : snapshots.segments(runId, "custom")) {
                names.put(row.code(), new String[] {row.nameEn(), row.nameZh()});
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean chinese() {
        return "zh"
                .equals(FacesContext.getCurrentInstance()
                        .getViewRoot()
                        .getLocale()
                        .getLanguage());
    }

    public List<Preset> getPresets() {
        return List.of(Preset.values());
    }

    public ProfileForm getForm() {
        return form;
    }

    public String getPreset() {
        return preset;
    }

    public void setPreset(String preset) {
        this.preset = preset;
    }

    public StoredProfile getActive() {
        return active;
    }

    public boolean isSaved() {
        return saved;
    }

    public boolean isPolling() {
        return previewJob != null;
    }

    public int getPreviewPercent() {
        return previewPercent;
    }

    public long getPreviewRun() {
        return previewRun;
    }

    public LocalDate getPreviewDate() {
        return previewDate;
    }

    public boolean isPreviewFailed() {
        return previewFailed;
    }

    public ProfileChangePreview getPreview() {
        return preview;
    }

    public LocalDateTime getActiveUpdatedAt() {
        return active == null ? null : active.updatedAt();
    }

    private static void info(String summary) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, ""));
    }

    private static void warn(String summary) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, summary, ""));
    }

    private static void error(String summary) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, ""));
    }
}
