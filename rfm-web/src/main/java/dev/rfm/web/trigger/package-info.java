/**
 * {@code /api/triggers}: segment-change triggers and their delivery log through REST (ADMIN, ANALYST); the work is
 * {@link dev.rfm.analytics.trigger}'s. Decision 0017.
 */
package dev.rfm.web.trigger;
