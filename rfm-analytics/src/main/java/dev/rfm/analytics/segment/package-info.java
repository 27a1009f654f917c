/**
 * Segment schemes that group scored customers for marketing: {@code standard} (11 segments over
 * the 125 RFM codes), {@code cn8} (8 segments by R, F, M against the population means) and {@code
 * custom} (ordered user rules, first match wins).
 *
 * <p>Every segment is a {@link dev.rfm.analytics.segment.SegmentDefinition}: a stable code, names,
 * a description and a recommended marketing action, in English and Chinese. Only customers with
 * an RFM score (a purchase in the analysis window) get a segment; prospects appear in lifecycle
 * counts only.
 */
package dev.rfm.analytics.segment;
