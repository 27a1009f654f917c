/**
 * Acting on segment changes: a {@link dev.rfm.analytics.trigger.SegmentTrigger} names the customers who entered a
 * segment (or lifecycle stage) since the previous run; after each successful run {@link
 * dev.rfm.analytics.trigger.BatchPlanner} stores them in batches in {@code trigger_delivery} before anything is sent,
 * and {@link dev.rfm.analytics.trigger.TriggerEngine} claims each batch with a lease and posts it, signed ({@link
 * dev.rfm.analytics.trigger.WebhookSignature}), and/or writes it as a CSV file ({@link
 * dev.rfm.analytics.trigger.BatchFile}), retrying with back-off ({@link dev.rfm.analytics.trigger.TriggerRetry}):
 * at least once, with an idempotency key per batch. Boundaries: {@link dev.rfm.analytics.trigger.AfterRunTriggers}
 * (finished runs) and {@link dev.rfm.analytics.trigger.TriggerTimers} (the worker's tick). Decision 0017.
 */
package dev.rfm.analytics.trigger;
