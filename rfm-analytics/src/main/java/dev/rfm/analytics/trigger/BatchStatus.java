package dev.rfm.analytics.trigger;

/** Where a batch of a trigger stands (the contract's delivery statuses). */
public enum BatchStatus {
    /** Stored, not sent yet (or replayed). */
    PENDING,
    /** The webhook answered 2xx and the file, if any, is in place. */
    DELIVERED,
    /** The last attempt failed; the next one is due at {@code next_attempt_at}. */
    RETRYING,
    /** Attempts failed for the whole give-up window; a replay starts it again. */
    FAILED
}
