package dev.rfm.analytics.trigger;

import java.time.LocalDateTime;

/** A stored trigger. Its secret stays in the database: {@code settings().secret()} is always null here. */
public record SegmentTrigger(
        long id,
        TriggerSettings settings,
        LocalDateTime createdAt,
        String createdBy,
        LocalDateTime updatedAt,
        String updatedBy) {}
