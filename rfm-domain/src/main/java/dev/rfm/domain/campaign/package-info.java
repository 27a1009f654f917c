/**
 * Campaigns: a target (a segment of a run, or an uploaded list of customers) split once, at creation, into a
 * treatment group the campaign reaches and a random control group held out, and the orders both groups placed in
 * the measurement window. Storage and SQL only; the split and the statistics are plain Java in {@code
 * dev.rfm.analytics.campaign} (decision 0015).
 */
package dev.rfm.domain.campaign;
