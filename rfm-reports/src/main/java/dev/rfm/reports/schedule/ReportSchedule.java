package dev.rfm.reports.schedule;

import java.time.LocalDateTime;

/** A stored schedule: its settings and who created and last changed it, when. */
public record ReportSchedule(
        long id,
        ScheduleSettings settings,
        LocalDateTime createdAt,
        String createdBy,
        LocalDateTime updatedAt,
        String updatedBy) {}
