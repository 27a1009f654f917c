package dev.rfm.web.trigger;

import static dev.rfm.web.i18n.Texts.text;

import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.segment.Cn8Segment;
import dev.rfm.analytics.segment.SegmentDefinition;
import dev.rfm.analytics.segment.StandardSegment;
import dev.rfm.analytics.trigger.InvalidTrigger;
import dev.rfm.analytics.trigger.SegmentTrigger;
import dev.rfm.analytics.trigger.TriggerDelivery;
import dev.rfm.analytics.trigger.TriggerSettings;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.web.i18n.LanguageBacking;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The Triggers page: segment-change triggers (create, edit, delete), each with its delivery log and a replay per
 * run. Every rule is the triggers' own ({@link TriggerSettings#of}); their problems are shown next to their fields.
 * The secret is write-only: the form never shows the stored one, and an empty field keeps it.
 */
@Named
@ViewScoped
public class TriggersBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    static final List<String> SCHEMES = List.of("standard", "cn8", "custom", "lifecycle");
    static final int LOG_ROWS = 200;

    @Inject
    TriggerDesk desk;

    @Inject
    Snapshots snapshots;

    @Inject
    LanguageBacking language;

    /** A segment to choose: its code and its name in the reader's language. */
    public record Option(String code, String label) implements Serializable {}

    /** A campaign to choose: its id and name. */
    public record CampaignOption(long id, String name) implements Serializable {}

    private List<SegmentTrigger> triggers = List.of();
    private List<CampaignOption> campaigns = List.of();
    private final Map<Long, TriggerDelivery> lastDeliveries = new HashMap<>();

    /** The trigger whose delivery log is shown; null: none. */
    private Long shown;

    private List<TriggerDelivery> log = List.of();

    /** The trigger the form edits; null for a new one. */
    private Long editing;

    private String name;
    private String scheme;
    private String toSegment;
    private String fromSegment;
    private String webhookUrl;
    private String secret;
    private String fileDirectory;
    private boolean enabled;
    private Long campaignId;

    @PostConstruct
    void init() {
        newTrigger();
        reload();
    }

    public void newTrigger() {
        editing = null;
        name = null;
        scheme = "lifecycle";
        toSegment = null;
        fromSegment = null;
        webhookUrl = null;
        secret = null;
        fileDirectory = null;
        enabled = true;
        campaignId = null;
    }

    public void edit(long id) {
        SegmentTrigger found = find(id);
        if (found == null) return;
        TriggerSettings s = found.settings();
        editing = id;
        name = s.name();
        scheme = s.scheme();
        toSegment = s.toSegment();
        fromSegment = s.fromSegment();
        webhookUrl = s.webhookUrl();
        secret = null;
        fileDirectory = s.fileDirectory();
        enabled = s.enabled();
        campaignId = s.campaignId();
    }

    /** Stores the form's trigger; its problems go next to their fields. */
    public void save() {
        TriggerSettings.Draft draft = new TriggerSettings.Draft(
                name, scheme, toSegment, fromSegment, webhookUrl, secret, fileDirectory, enabled, campaignId);
        String user = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
        try {
            if (desk.save(editing, draft, user).isEmpty()) {
                message(FacesMessage.SEVERITY_WARN, text("triggers.gone"));
                newTrigger();
                reload();
                return;
            }
        } catch (InvalidTrigger e) {
            FacesContext faces = FacesContext.getCurrentInstance();
            e.problems()
                    .forEach(p -> faces.addMessage(
                            "triggerForm:" + p.field(),
                            new FacesMessage(FacesMessage.SEVERITY_ERROR, problem(p.field(), p.message()), null)));
            faces.validationFailed();
            return;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        message(FacesMessage.SEVERITY_INFO, text("triggers.saved", name.strip()));
        newTrigger();
        reload();
    }

    public void delete(long id) {
        try {
            desk.delete(id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (editing != null && editing == id) newTrigger();
        if (shown != null && shown == id) {
            shown = null;
            log = List.of();
        }
        message(FacesMessage.SEVERITY_INFO, text("triggers.deleted"));
        reload();
    }

    /** Shows a trigger's delivery log. */
    public void showLog(long id) {
        shown = id;
        reload();
    }

    public void refresh() {
        reload();
    }

    /** Sends a run's batches of the shown trigger again, under the same idempotency keys. */
    public void replay(long runId) {
        if (shown == null) return;
        try {
            int replayed = desk.replay(shown, runId);
            if (replayed == 0) message(FacesMessage.SEVERITY_WARN, text("triggers.nothingToReplay", runId));
            else message(FacesMessage.SEVERITY_INFO, text("triggers.replayed", replayed, runId));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        reload();
    }

    /** The scheme changed: the chosen segments belong to the old one. */
    public void schemeChanged() {
        toSegment = null;
        fromSegment = null;
    }

    // ---- words in the reader's language ----------------------------------------------------------------------------

    /** "Customers who enter New" or "Customers who enter At risk from Champions". */
    public String watches(TriggerSettings s) {
        String to = segmentName(s.scheme(), s.toSegment());
        return s.fromSegment() == null
                ? text("triggers.watches", to)
                : text("triggers.watchesFrom", to, segmentName(s.scheme(), s.fromSegment()));
    }

    /** "Control group of Spring win-back held out", for a trigger that works for a campaign. */
    public String heldOutGroup(TriggerSettings s) {
        if (s.campaignId() == null) return null;
        String name = campaigns.stream()
                .filter(c -> c.id() == s.campaignId())
                .findFirst()
                .map(CampaignOption::name)
                .orElse("#" + s.campaignId());
        return text("triggers.forCampaign", name);
    }

    /** The last batch's status in words, or "none yet". */
    public String lastStatus(long id) {
        TriggerDelivery d = lastDeliveries.get(id);
        return d == null
                ? text("triggers.noDelivery")
                : text("triggers.status." + d.status().name());
    }

    public String lastStatusCode(long id) {
        TriggerDelivery d = lastDeliveries.get(id);
        return d == null ? "NONE" : d.status().name();
    }

    /** The segments of the form's scheme, named in the reader's language. */
    public List<Option> getSegments() {
        return options(scheme);
    }

    public String getShownName() {
        SegmentTrigger t = shown == null ? null : find(shown);
        return t == null ? "" : t.settings().name();
    }

    private String segmentName(String scheme, String code) {
        return options(scheme).stream()
                .filter(o -> o.code().equals(code))
                .findFirst()
                .map(Option::label)
                .orElse(code);
    }

    private List<Option> options(String scheme) {
        if (scheme == null) return List.of();
        boolean chinese = language.isChinese();
        return switch (scheme) {
            case "standard" ->
                Arrays.stream(StandardSegment.values())
                        .map(s -> option(s.name(), s.definition(), chinese))
                        .toList();
            case "cn8" ->
                Arrays.stream(Cn8Segment.values())
                        .map(s -> option(s.name(), s.definition(), chinese))
                        .toList();
            case "lifecycle" ->
                Arrays.stream(LifecycleStage.values())
                        .map(s -> new Option(s.name(), chinese ? s.nameZh() : s.nameEn()))
                        .toList();
            default -> customOptions(chinese);
        };
    }

    private static Option option(String code, SegmentDefinition d, boolean chinese) {
        return new Option(code, chinese && d.nameZh() != null ? d.nameZh() : d.nameEn());
    }

    /** Custom segments are the users' own: as the current run names them. */
    private List<Option> customOptions(boolean chinese) {
        try {
            OptionalLong run = snapshots.currentRunId();
            if (run.isEmpty()) return List.of();
            List<Option> found = new ArrayList<>();
            for (SegmentRow r : snapshots.segments(run.getAsLong(), "custom")) {
                String label = chinese && r.nameZh() != null ? r.nameZh() : r.nameEn();
                found.add(new Option(r.code(), label == null ? r.code() : label));
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A problem with a field in the reader's language: the rule's own words in English, the field's hint else. */
    static String problem(String field, String message) {
        FacesContext faces = FacesContext.getCurrentInstance();
        boolean english = faces.getViewRoot().getLocale().getLanguage().equals("en");
        return english ? message : text("triggers.invalid." + field);
    }

    private SegmentTrigger find(long id) {
        return triggers.stream().filter(t -> t.id() == id).findFirst().orElse(null);
    }

    private void reload() {
        try {
            triggers = desk.all();
            campaigns = desk.campaigns().stream()
                    .map(c -> new CampaignOption(c.id(), c.name()))
                    .toList();
            lastDeliveries.clear();
            for (SegmentTrigger t : triggers) {
                desk.deliveries(t.id(), 1).stream().findFirst().ifPresent(d -> lastDeliveries.put(t.id(), d));
            }
            if (shown != null && find(shown) == null) shown = null;
            log = shown == null ? List.of() : desk.deliveries(shown, LOG_ROWS);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, ""));
    }

    public List<SegmentTrigger> getTriggers() {
        return triggers;
    }

    public List<TriggerDelivery> getLog() {
        return log;
    }

    public boolean isLogShown() {
        return shown != null;
    }

    public List<CampaignOption> getCampaigns() {
        return campaigns;
    }

    public List<String> getSchemes() {
        return SCHEMES;
    }

    public boolean isEditingExisting() {
        return editing != null;
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

    public String getToSegment() {
        return toSegment;
    }

    public void setToSegment(String toSegment) {
        this.toSegment = toSegment;
    }

    public String getFromSegment() {
        return fromSegment;
    }

    public void setFromSegment(String fromSegment) {
        this.fromSegment = fromSegment;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public void setWebhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    /** Never the stored secret: the field always starts empty. */
    public String getSecret() {
        return null;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getFileDirectory() {
        return fileDirectory;
    }

    public void setFileDirectory(String fileDirectory) {
        this.fileDirectory = fileDirectory;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Long getCampaignId() {
        return campaignId;
    }

    public void setCampaignId(Long campaignId) {
        this.campaignId = campaignId;
    }
}
