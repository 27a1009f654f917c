package dev.rfm.web.ingest;

import static dev.rfm.web.i18n.Texts.text;

import dev.rfm.domain.ingest.ImportRecord;
import dev.rfm.domain.user.Role;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.file.UploadedFile;

/** Backs {@code import.xhtml}: upload, progress, summary, recent imports. */
@Named
@ViewScoped
public class ImportBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ImportJobs jobs;

    @Inject
    Importer importer;

    private String jobId;
    private boolean endShown;
    private List<ImportRecord> history;

    @PostConstruct
    void load() {
        loadHistory();
    }

    public void upload(FileUploadEvent event) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        String user = faces.getExternalContext().getRemoteUser();
        UploadedFile file = event.getFile();
        if (!faces.getExternalContext().isUserInRole(Role.ADMIN_NAME)
                && !faces.getExternalContext().isUserInRole(Role.ANALYST_NAME)) {
            // web.xml already keeps other roles off the page; an upload must not rely on that alone
            file.delete();
            faces.getExternalContext().setResponseStatus(403);
            faces.addMessage(
                    null,
                    new jakarta.faces.application.FacesMessage(
                            jakarta.faces.application.FacesMessage.SEVERITY_ERROR,
                            "Importing needs the role ADMIN or ANALYST.",
                            null));
            return;
        }
        if (file.getSize() > importer.maxBytes()) {
            // the upload filter refuses a body known to be too large before it is read; this catches the rest
            tooLarge(faces);
            file.delete();
            return;
        }
        jobs.find(jobId).ifPresent(j -> jobs.forget(j.getId()));
        // PrimeFaces writes uploads only into the container's upload directory, so the spool gets a copy (bounded
        // by the limit), and the container's file goes at once
        Path spool = jobs.newSpoolFile();
        try (InputStream in = file.getInputStream()) {
            ImportSpool.copy(in, spool, importer.maxBytes());
        } catch (ImportSpool.TooLargeException e) {
            tooLarge(faces);
            return;
        } finally {
            file.delete();
        }
        jobId = jobs.start(spool, file.getFileName(), user).getId();
        endShown = false;
    }

    private void tooLarge(FacesContext faces) {
        String summary = text("import.tooLarge");
        faces.addMessage(
                null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, summary + " " + importer.maxBytes()));
    }

    /** The largest file the page takes: PrimeFaces refuses a larger one in the browser already. */
    public long getMaxBytes() {
        return importer.maxBytes();
    }

    /** Called when the progress bar completes: the job is finished, refresh what depends on it. */
    public void finished() {
        ImportJob job = getJob();
        endShown = job != null && job.isFinished();
        if (job != null && job.isFailed()) {
            // summary and detail: a message without detail shows its summary twice in the growl
            FacesContext faces = FacesContext.getCurrentInstance();
            String summary = text("import.failed");
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, job.getFailureMessage()));
        }
        loadHistory();
    }

    private void loadHistory() {
        try {
            history = importer.recent(10);
        } catch (SQLException e) {
            history = List.of();
        }
    }

    public ImportJob getJob() {
        return jobs.find(jobId).orElse(null);
    }

    /**
     * True while the page has yet to learn that the job ended: the progress bar polls until its completion has been
     * reported. Not simply "job not finished": a small file can be imported before the upload's answer is rendered,
     * and the page must still hear of the end (history, error message).
     */
    public boolean isPolling() {
        return getJob() != null && !endShown;
    }

    public int getPercent() {
        ImportJob job = getJob();
        return job == null ? 0 : job.getPercent();
    }

    public List<ImportRecord> getHistory() {
        return history;
    }
}
