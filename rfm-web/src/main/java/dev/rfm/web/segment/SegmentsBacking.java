package dev.rfm.web.segment;

import static dev.rfm.web.i18n.Texts.text;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import org.primefaces.PrimeFaces;

/**
 * Backs {@code segments.xhtml} (every role; editing actions ADMIN and ANALYST): one scheme's segments in the current
 * run, the scheme switcher, and the editor of a segment's recommended action.
 */
@Named
@ViewScoped
public class SegmentsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SegmentTable table;

    private String scheme = "standard";
    private Long runId;
    private List<SegmentLine> lines = List.of();

    private String editCode;
    private String editName;
    private String editActionEn;
    private String editActionZh;

    /** Reads the current run's segments of the chosen scheme (the view action, and the switcher). */
    public void load() {
        try {
            OptionalLong current = table.currentRun();
            runId = current.isPresent() ? current.getAsLong() : null;
            lines = runId == null ? List.of() : table.lines(runId, scheme);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens the action editor for one segment. */
    public void edit(String code) {
        lines.stream().filter(l -> l.code().equals(code)).findFirst().ifPresent(l -> {
            editCode = l.code();
            editName = chinese() ? l.nameZh() : l.nameEn();
            editActionEn = l.actionEn();
            editActionZh = l.actionZh();
        });
    }

    public void saveAction() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            table.saveAction(
                    scheme,
                    editCode,
                    editActionEn,
                    editActionZh,
                    faces.getExternalContext().getRemoteUser());
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("actionZh") ? "actionZh" : "actionEn";
            faces.addMessage(
                    "actionForm:" + field, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            faces.validationFailed();
            return;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        faces.addMessage(
                null, new FacesMessage(FacesMessage.SEVERITY_INFO, text("segments.actionSaved", editName), ""));
        PrimeFaces.current().ajax().update("messages");
        load();
    }

    private static boolean chinese() {
        return FacesContext.getCurrentInstance()
                .getViewRoot()
                .getLocale()
                .getLanguage()
                .equals("zh");
    }

    public List<String> getSchemes() {
        return SegmentTable.SCHEMES;
    }

    public String getScheme() {
        return scheme;
    }

    public void setScheme(String scheme) {
        if (SegmentTable.SCHEMES.contains(scheme)) this.scheme = scheme;
    }

    public Long getRunId() {
        return runId;
    }

    public List<SegmentLine> getLines() {
        return lines;
    }

    public long getTotalCustomers() {
        return lines.stream().mapToLong(SegmentLine::customers).sum();
    }

    public String getEditCode() {
        return editCode;
    }

    public String getEditName() {
        return editName;
    }

    public String getEditActionEn() {
        return editActionEn;
    }

    public void setEditActionEn(String editActionEn) {
        this.editActionEn = editActionEn;
    }

    public String getEditActionZh() {
        return editActionZh;
    }

    public void setEditActionZh(String editActionZh) {
        this.editActionZh = editActionZh;
    }
}
