package dev.rfm.domain.snapshot;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A scoring run as stored: what {@code GET /api/runs/{id}} answers and the dashboard shows.
 *
 * @param progress 0..1 within the whole run
 * @param modelStatus {@code FITTED}, {@code FAILED} (the RFM part was still published) or {@code SKIPPED}
 */
public record RunRecord(
        long id,
        RunStatus status,
        String phase,
        double progress,
        LocalDate referenceDate,
        String trigger,
        String startedBy,
        String profileName,
        LocalDateTime queuedAt,
        LocalDateTime startedAt,
        LocalDateTime finishedAt,
        long customersScored,
        long prospects,
        String modelStatus,
        String error,
        String phaseTimings,
        boolean current,
        LocalDateTime scheduledFor,
        String server) {}
