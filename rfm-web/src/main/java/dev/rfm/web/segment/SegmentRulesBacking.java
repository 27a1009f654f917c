package dev.rfm.web.segment;

import static dev.rfm.web.i18n.Texts.text;

import dev.rfm.analytics.run.CustomSegments;
import dev.rfm.analytics.run.CustomSegments.AuditEntry;
import dev.rfm.analytics.segment.RulePreview;
import dev.rfm.web.i18n.KnownMessages;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.primefaces.PrimeFaces;

/**
 * Backs {@code segment-rules.xhtml} (ADMIN, ANALYST): the custom rules as a working list that is edited, reordered
 * and previewed against the current run before it is saved, and the audit trail of saved changes. Validation and
 * storage are {@link CustomSegments}'; the preview is its one aggregate query.
 */
@Named
@ViewScoped
public class SegmentRulesBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int AUDIT_ENTRIES = 50;

    @Inject
    CustomSegments segments;

    private List<RuleDraft> rules = new ArrayList<>();
    private List<RuleDraft> saved = List.of();
    private List<RulePreviewLine> preview = List.of();
    private RulePreviewLine other;
    private boolean noRun;
    private String previewProblem;
    private List<AuditLine> audit = List.of();

    /** -1: the form adds a new rule; otherwise the position of the rule it edits. */
    private int editing = -1;

    private String code;
    private String nameEn;
    private String nameZh;
    private String actionEn;
    private String actionZh;
    private String conditions;

    /** An audit entry for the page: its changes as one text per line. */
    public record AuditLine(LocalDateTime changedAt, String changedBy, List<String> changes) implements Serializable {}

    @PostConstruct
    void load() {
        try {
            rules = new ArrayList<>(segments.rules().stream().map(RuleDraft::of).toList());
            saved = List.copyOf(rules);
            audit = segments.audit(AUDIT_ENTRIES).stream()
                    .map((AuditEntry e) -> new AuditLine(e.changedAt(), e.changedBy(), List.copyOf(e.changes())))
                    .toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        preview();
    }

    /** How many customers each rule of the working list would take now, and the remainder. */
    private void preview() {
        previewProblem = null;
        try {
            Optional<RulePreview> counted =
                    segments.preview(rules.stream().map(RuleDraft::toText).toList());
            noRun = counted.isEmpty();
            if (noRun) {
                preview = List.of();
                other = null;
                return;
            }
            RulePreview p = counted.get();
            List<RulePreviewLine> lines = p.entries().stream()
                    .map(e -> new RulePreviewLine(
                            e.code(),
                            e.customers(),
                            p.scoredCustomers() == 0 ? 0 : (double) e.customers() / p.scoredCustomers()))
                    .toList();
            preview = lines.subList(0, Math.min(rules.size(), lines.size()));
            other = lines.size() > rules.size() ? lines.get(lines.size() - 1) : null;
        } catch (IllegalArgumentException e) {
            previewProblem = KnownMessages.ofView().ruleProblems(e.getMessage());
            preview = List.of();
            other = null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void newRule() {
        editing = -1;
        code = nameEn = nameZh = actionEn = actionZh = conditions = null;
    }

    public void edit(int index) {
        RuleDraft rule = rules.get(index);
        editing = index;
        code = rule.code();
        nameEn = rule.nameEn();
        nameZh = rule.nameZh();
        actionEn = rule.actionEn();
        actionZh = rule.actionZh();
        conditions = rule.conditions();
    }

    /** Puts the form's rule into the working list (not yet saved), or its problems next to their fields. */
    public void apply() {
        RuleDraft draft = new RuleDraft(code, nameEn, nameZh, actionEn, actionZh, conditions);
        List<String> otherCodes = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (i != editing) otherCodes.add(rules.get(i).toText().code());
        }
        Map<String, String> problems = draft.problems(otherCodes);
        if (!problems.isEmpty()) {
            FacesContext faces = FacesContext.getCurrentInstance();
            KnownMessages known = KnownMessages.ofView();
            problems.forEach((field, text) -> faces.addMessage(
                    "ruleForm:" + field, new FacesMessage(FacesMessage.SEVERITY_ERROR, known.ruleProblem(text), null)));
            faces.validationFailed();
            return;
        }
        RuleDraft clean = RuleDraft.of(draft.toText());
        if (editing >= 0 && editing < rules.size()) {
            rules.set(editing, clean);
        } else {
            rules.add(clean);
        }
        newRule();
        preview();
    }

    public void moveUp(int index) {
        if (index > 0 && index < rules.size()) {
            rules.add(index - 1, rules.remove(index));
            if (editing == index) editing--;
            else if (editing == index - 1) editing++;
            preview();
        }
    }

    public void moveDown(int index) {
        if (index >= 0 && index < rules.size() - 1) moveUp(index + 1);
    }

    public void remove(int index) {
        if (index >= 0 && index < rules.size()) {
            rules.remove(index);
            if (editing == index) newRule();
            else if (editing > index) editing--;
            preview();
        }
    }

    /** Stores the working list for the next runs; the audit trail records what changed. */
    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            segments.replace(
                    rules.stream().map(RuleDraft::toText).toList(),
                    faces.getExternalContext().getRemoteUser(),
                    LocalDateTime.now());
        } catch (IllegalArgumentException e) {
            faces.addMessage(
                    null,
                    new FacesMessage(
                            FacesMessage.SEVERITY_ERROR, KnownMessages.ofView().ruleProblems(e.getMessage()), ""));
            faces.validationFailed();
            PrimeFaces.current().ajax().update("messages");
            return;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text("rules.saved"), ""));
        PrimeFaces.current().ajax().update("messages");
        newRule();
        load();
    }

    /** Back to the stored rules. */
    public void discard() {
        newRule();
        load();
    }

    public List<RuleDraft> getRules() {
        return rules;
    }

    /** The preview of the rule at a position; null while there is none. */
    public RulePreviewLine previewOf(int index) {
        return index < preview.size() ? preview.get(index) : null;
    }

    public RulePreviewLine getOther() {
        return other;
    }

    public boolean isNoRun() {
        return noRun;
    }

    public String getPreviewProblem() {
        return previewProblem;
    }

    public boolean isChanged() {
        return !rules.equals(saved);
    }

    public List<AuditLine> getAudit() {
        return audit;
    }

    public boolean isEditingExisting() {
        return editing >= 0;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getNameEn() {
        return nameEn;
    }

    public void setNameEn(String nameEn) {
        this.nameEn = nameEn;
    }

    public String getNameZh() {
        return nameZh;
    }

    public void setNameZh(String nameZh) {
        this.nameZh = nameZh;
    }

    public String getActionEn() {
        return actionEn;
    }

    public void setActionEn(String actionEn) {
        this.actionEn = actionEn;
    }

    public String getActionZh() {
        return actionZh;
    }

    public void setActionZh(String actionZh) {
        this.actionZh = actionZh;
    }

    public String getConditions() {
        return conditions;
    }

    public void setConditions(String conditions) {
        this.conditions = conditions;
    }
}
