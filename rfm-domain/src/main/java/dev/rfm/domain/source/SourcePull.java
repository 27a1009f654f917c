package dev.rfm.domain.source;

import dev.rfm.domain.ingest.ImportFailedException;
import dev.rfm.domain.ingest.ImportProgress;
import dev.rfm.domain.ingest.ImportResult;
import dev.rfm.domain.ingest.InputProblem;
import dev.rfm.domain.ingest.OrderImporter;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Pulls a source's new orders into the product through the CSV import pipeline: the same checks, de-duplication by
 * order id, rejection report and import history as an uploaded file.
 *
 * <p>Incremental and safe: the pull reads the rows whose watermark is at or after the last committed watermark minus
 * the source's overlap ({@link Watermark}), ordered by the watermark, and commits the highest watermark it read in the
 * same transaction as the orders ({@link OrderImporter.SameTransaction}). A pull that fails anywhere (the source
 * drops the connection, a row breaks the query, the product database fails) commits neither, so the next pull reads
 * the same rows again: nothing lost, and nothing twice, as order ids already stored are skipped.
 *
 * <p>Usage: {@code long importId = pull.reserve(sourceId, user)} answers at once; {@code pull.run(sourceId, importId,
 * user)} does the work, e.g. on a managed executor. Outside any JTA transaction, as the importer.
 */
public final class SourcePull {

    private final DataSources sources;
    private final OrderImporter importer;
    private final int queryTimeoutSeconds;
    private final ZoneId zone;

    /**
     * @param queryTimeoutSeconds how long the source may take to answer the pull's query ({@code
     *     RFM_SOURCE_PULL_TIMEOUT_SECONDS})
     * @param zone where times with a time zone are converted to, as the product stores local times
     */
    public SourcePull(DataSources sources, OrderImporter importer, int queryTimeoutSeconds, ZoneId zone) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.importer = Objects.requireNonNull(importer, "importer");
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Records a pull of the source as a queued import; empty when there is no such source. */
    public Optional<Long> reserve(long sourceId, String startedBy) throws SQLException {
        Optional<StoredSource> source = sources.find(sourceId);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(importer.reserve(fileName(source.get()), startedBy, sourceId));
    }

    /** Reserves and runs a pull now, in this thread. */
    public ImportResult pullNow(long sourceId, String startedBy) throws SQLException, ImportFailedException {
        long importId = reserve(sourceId, startedBy)
                .orElseThrow(() -> new IllegalArgumentException("no data source " + sourceId));
        return run(sourceId, importId, startedBy);
    }

    /**
     * Runs a reserved pull: on success the orders and the new watermark are committed; on failure neither, and the
     * import record says why.
     */
    public ImportResult run(long sourceId, long importId, String startedBy) throws SQLException, ImportFailedException {
        Optional<StoredSource> found = sources.find(sourceId);
        String password;
        try {
            password = found.isEmpty() ? null : sources.password(sourceId);
        } catch (IllegalStateException wrongKey) {
            return fail(importId, found.get(), startedBy, wrongKey.getMessage());
        }
        if (found.isEmpty()) {
            return fail(importId, null, startedBy, "The data source " + sourceId + " was deleted before its pull ran");
        }
        StoredSource source = found.get();
        try (SourceRows rows =
                new SourceRows(source.definition(), password, source.watermark(), queryTimeoutSeconds, zone)) {
            return importer.importCsv(
                    rows, -1, fileName(source), startedBy, ImportProgress.none(), importId, (connection, result) -> {
                        if (rows.highest() != null) {
                            DataSources.advanceWatermark(connection, sourceId, rows.highest());
                        }
                    });
        }
    }

    /** Records the reserved pull as failed before it read anything, through the importer that owns the record. */
    private ImportResult fail(long importId, StoredSource source, String startedBy, String reason)
            throws ImportFailedException {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws InputProblem {
                throw InputProblem.sourceFailed(reason);
            }
        };
        return importer.importCsv(
                failing,
                -1,
                source == null ? "source" : fileName(source),
                startedBy,
                ImportProgress.none(),
                importId,
                OrderImporter.SameTransaction.NOTHING);
    }

    private static String fileName(StoredSource source) {
        return "source: " + source.definition().name();
    }
}
