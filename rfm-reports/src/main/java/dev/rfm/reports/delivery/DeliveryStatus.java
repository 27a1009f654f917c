package dev.rfm.reports.delivery;

/** Where an archived report stands. */
public enum DeliveryStatus {
    /** Archived, not sent yet. */
    PENDING,
    /** Every recipient's mail was accepted by the SMTP server. */
    SENT,
    /** The last attempt failed; the next one is due at {@code next_attempt_at}. */
    RETRYING,
    /** Every attempt failed; the error says why. */
    FAILED,
    /** Archived only: mail is switched off or not configured (the error says which). */
    ARCHIVED
}
