package dev.rfm.web.ingest;

import dev.rfm.domain.incident.ErrorReference;
import dev.rfm.domain.ingest.ImportFailedException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports started from the page run here in the background, so the page can show a progress bar while a large file
 * is read. The upload arrives as a file in the spool directory ({@link #newSpoolFile()}); the job deletes it when the
 * import ends. Finished jobs are forgotten after a while ({@link RecentImportJobs}).
 */
@ApplicationScoped
public class ImportJobs {

    private static final System.Logger LOG = System.getLogger(ImportJobs.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    Importer importer;

    private final RecentImportJobs jobs = new RecentImportJobs(Clock.systemUTC());

    /** A new, not yet existing file name in the spool directory for an upload to be moved to. */
    public Path newSpoolFile() throws IOException {
        Path directory = importer.spoolDirectory();
        Files.createDirectories(directory);
        return directory.resolve("upload-" + UUID.randomUUID() + ".csv");
    }

    /** Starts importing {@code spooled} (a file of {@link #newSpoolFile()}), which the job deletes when done. */
    public ImportJob start(Path spooled, String fileName, String user) {
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), fileName);
        jobs.add(job);
        try {
            executor.submit(() -> run(job, spooled, user));
        } catch (RuntimeException e) {
            delete(spooled);
            throw e;
        }
        return job;
    }

    private void run(ImportJob job, Path spool, String user) {
        try (InputStream in = Files.newInputStream(spool)) {
            job.succeeded(importer.importCsv(in, Files.size(spool), job.getFileName(), user, job));
        } catch (ImportFailedException e) {
            job.failed(e); // input errors name line and field; the server's carry only an error id
        } catch (IOException | RuntimeException e) {
            ErrorReference reference = ErrorReference.log(LOG, "Import of " + job.getFileName() + " failed", e);
            job.failed("INTERNAL_ERROR", "The import could not complete" + reference.sentence());
        } finally {
            delete(spool);
        }
    }

    private static void delete(Path spool) {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not delete " + spool, e);
        }
    }

    public Optional<ImportJob> find(String id) {
        return jobs.find(id);
    }

    /** Forgets a finished job once its page no longer needs it. */
    public void forget(String id) {
        find(id).filter(ImportJob::isFinished).ifPresent(j -> jobs.remove(id));
    }
}
