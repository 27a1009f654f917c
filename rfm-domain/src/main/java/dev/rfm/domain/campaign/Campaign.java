package dev.rfm.domain.campaign;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A stored campaign: its plan as drawn, and how many customers each group got.
 *
 * @param scheme null for an uploaded list (as are segment and runId)
 * @param runId the run whose segment was drawn (the current one at creation when none was asked for)
 */
public record Campaign(
        long id,
        String name,
        String scheme,
        String segment,
        Long runId,
        double controlShare,
        long seed,
        LocalDate startDate,
        int windowDays,
        long treatmentCustomers,
        long controlCustomers,
        LocalDateTime createdAt,
        String createdBy)
        implements java.io.Serializable {

    public Campaign {
        java.util.List<String> invalid = new java.util.ArrayList<>();
        if (name == null || name.isBlank()) invalid.add("name");
        if (!(controlShare > 0 && controlShare < 1)) invalid.add("controlShare");
        if (startDate == null) invalid.add("startDate");
        if (windowDays < 1) invalid.add("windowDays");
        if (treatmentCustomers < 0) invalid.add("treatmentCustomers");
        if (controlCustomers < 0) invalid.add("controlCustomers");
        if ((scheme == null) != (segment == null)) invalid.add("scheme/segment");
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("invalid campaign " + id + ": " + String.join(", ", invalid));
        }
    }

    /** The first day after the measurement window: orders dated before it count. */
    public LocalDate endDate() {
        return startDate.plusDays(windowDays);
    }

    /** Whether the measurement window has ended on {@code today}: its last day is over. */
    public boolean windowEndedBy(LocalDate today) {
        return !today.isBefore(endDate());
    }
}
