/**
 * Lifecycle stages of customers: prospect, new, active, dormant, lost, reactivated.
 *
 * <p>{@link dev.rfm.analytics.lifecycle.LifecycleThresholds} holds the day thresholds of a run
 * (fixed by the profile or derived from the data, and shown to users);
 * {@link dev.rfm.analytics.lifecycle.LifecycleClassifier} applies them in a documented order of
 * precedence. Stages use each customer's whole history before the reference date, not the
 * analysis window.
 */
package dev.rfm.analytics.lifecycle;
