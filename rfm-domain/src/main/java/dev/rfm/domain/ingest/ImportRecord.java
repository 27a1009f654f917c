package dev.rfm.domain.ingest;

import java.time.LocalDateTime;

/**
 * One entry of the import history ({@code data_import}).
 *
 * @param status {@code SUCCEEDED} or {@code FAILED}, or {@code QUEUED} for a pull not yet started ({@code RUNNING} is
 *     never visible: an import commits its record together with its orders)
 * @param errorCode for a failed import, the {@link ImportFailedException.Code} name
 */
public record ImportRecord(
        long id,
        String fileName,
        String status,
        String startedBy,
        LocalDateTime startedAt,
        LocalDateTime finishedAt,
        long rowsRead,
        long rowsImported,
        long rowsDuplicate,
        long rowsRejected,
        long ordersCreated,
        long customersCreated,
        String errorCode,
        String errorMessage) {}
