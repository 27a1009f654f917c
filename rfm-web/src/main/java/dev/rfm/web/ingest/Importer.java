package dev.rfm.web.ingest;

import dev.rfm.domain.database.Database;
import dev.rfm.domain.ingest.ImportFailedException;
import dev.rfm.domain.ingest.ImportProgress;
import dev.rfm.domain.ingest.ImportRecord;
import dev.rfm.domain.ingest.ImportRecords;
import dev.rfm.domain.ingest.ImportResult;
import dev.rfm.domain.ingest.OrderImporter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The container's entry to the import pipeline of the domain. No JTA transaction here on purpose: an import runs in
 * one local transaction of its own connection, which may last minutes for a large file.
 *
 * <p>Bodies are spooled to {@link #spoolDirectory()} first ({@link ImportSpool}, at most {@link #maxBytes()}); the
 * import lock is waited for only {@code rfm.import.lock-wait-seconds} (then {@code BUSY}, HTTP 409), which is enough
 * since the lock is held only while a spooled file is processed, never while an upload trickles in.
 */
@ApplicationScoped
public class Importer {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "rfm.import.max-bytes", defaultValue = "4294967296")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "rfm.import.lock-wait-seconds", defaultValue = "30")
    long lockWaitSeconds;

    @Inject
    @ConfigProperty(name = "rfm.data.dir", defaultValue = "./rfm-data")
    String dataDir;

    private OrderImporter importer;
    private ImportRecords records;

    @PostConstruct
    void init() {
        importer = new OrderImporter(dataSource, Clock.systemUTC(), Duration.ofSeconds(lockWaitSeconds));
        records = new ImportRecords(dataSource);
    }

    /** The largest import body accepted (API-CONTRACT.md, {@code RFM_IMPORT_MAX_BYTES}). */
    public long maxBytes() {
        return maxBytes;
    }

    /** Where import bodies wait for the importer: beside the database, not in a shared temp directory. */
    public Path spoolDirectory() {
        return Path.of(dataDir).toAbsolutePath().resolve("import-spool");
    }

    public ImportResult importCsv(InputStream body, long size, String fileName, String user, ImportProgress progress)
            throws ImportFailedException {
        return importer.importCsv(body, size, fileName, user, progress);
    }

    public Optional<ImportRecord> find(long importId) throws SQLException {
        return records.find(importId);
    }

    public List<ImportRecord> recent(int limit) throws SQLException {
        return records.recent(limit);
    }

    /** The latest pull of each data source, by source id. */
    public java.util.Map<Long, ImportRecord> lastPullOfEachSource() throws SQLException {
        return records.lastPullOfEachSource();
    }

    public long writeRejectionsCsv(long importId, OutputStream out) throws IOException, SQLException {
        return records.writeRejectionsCsv(importId, out);
    }
}
