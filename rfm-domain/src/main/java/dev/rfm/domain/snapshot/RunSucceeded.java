package dev.rfm.domain.snapshot;

import java.time.LocalDate;

/**
 * Fired after a scoring run has committed and become the current snapshot. Observers use
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} or plain {@code @Observes}: the event is fired only after
 * the switch has committed.
 */
public record RunSucceeded(long runId, LocalDate referenceDate) {}
