package dev.rfm.web.ingest;

import dev.rfm.domain.ingest.ImportFailedException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Imports started from the page run here in the background, so the page can show a progress bar while a large file
 * is read. The uploaded file is spooled to a temporary file first and deleted when the import ends.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    Importer importer;

    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();

    public ImportJob start(InputStream upload, String fileName, String user) throws IOException {
        Path spool = Files.createTempFile("rfm-import-", ".csv");
        try (upload) {
            Files.copy(upload, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), fileName);
        jobs.put(job.getId(), job);
        executor.submit(() -> run(job, spool, user));
        return job;
    }

    private void run(ImportJob job, Path spool, String user) {
        try (InputStream in = Files.newInputStream(spool)) {
            job.succeeded(importer.importCsv(in, Files.size(spool), job.getFileName(), user, job));
        } catch (ImportFailedException e) {
            job.failed(e);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Import of " + job.getFileName() + " failed", e);
            job.failed("INTERNAL_ERROR", "The import could not complete: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Could not delete " + spool, e);
            }
        }
    }

    public Optional<ImportJob> find(String id) {
        return Optional.ofNullable(id).map(jobs::get);
    }

    /** Forgets a finished job once its page no longer needs it. */
    public void forget(String id) {
        find(id).filter(ImportJob::isFinished).ifPresent(j -> jobs.remove(id));
    }
}
