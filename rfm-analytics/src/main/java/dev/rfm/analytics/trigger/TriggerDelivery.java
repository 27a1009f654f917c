package dev.rfm.analytics.trigger;

import java.time.LocalDateTime;

/**
 * One batch of a trigger for a run, as the delivery log lists it (without its body).
 *
 * @param heldOut customers of the run who entered the segment but were left out as the control group of the
 *     trigger's campaign: the run's count, the same on each of its batches (0 without a campaign)
 */
public record TriggerDelivery(
        long id,
        long triggerId,
        long runId,
        int batch,
        String idempotencyKey,
        int customers,
        BatchStatus status,
        int attempts,
        String lastError,
        LocalDateTime nextAttemptAt,
        LocalDateTime createdAt,
        LocalDateTime deliveredAt,
        long heldOut) {

    /** The key a receiver de-duplicates by: the same for every attempt and replay of this batch. */
    public static String idempotencyKey(long triggerId, long runId, int batch) {
        return "trigger-" + triggerId + "-run-" + runId + "-batch-" + batch;
    }
}
