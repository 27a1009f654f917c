package dev.rfm.reports.delivery;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** An archived report as the archive lists it (without its PDF). */
public record ArchivedReport(
        long id,
        Long scheduleId,
        String scheduleName,
        String occurrence,
        long runId,
        LocalDate referenceDate,
        String scheme,
        String locale,
        LocalDateTime createdAt,
        DeliveryStatus status,
        List<String> recipients,
        int attempts,
        String error,
        LocalDateTime sentAt) {}
