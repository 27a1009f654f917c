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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The container's entry to the import pipeline of the domain. No JTA transaction here on purpose: an import runs in
 * one local transaction of its own connection, which may last minutes for a large file.
 */
@ApplicationScoped
public class Importer {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    private OrderImporter importer;
    private ImportRecords records;

    @PostConstruct
    void init() {
        importer = new OrderImporter(dataSource, Clock.systemUTC());
        records = new ImportRecords(dataSource);
    }

    public ImportResult importCsv(InputStream body, String fileName, String user, ImportProgress progress)
            throws ImportFailedException {
        return importer.importCsv(body, fileName, user, progress);
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

    public long writeRejectionsCsv(long importId, OutputStream out) throws IOException, SQLException {
        return records.writeRejectionsCsv(importId, out);
    }
}
