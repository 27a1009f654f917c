/**
 * Scoring profiles: every setting of a scoring run (analysis window, bins, binning method per
 * dimension, monetary basis, lifecycle thresholds, CLV horizon, margin, discount rate, model time
 * unit), validated with messages that name the field, and the industry presets ({@link
 * dev.rfm.analytics.profile.Preset}) documented in {@code docs/PRESETS.md}.
 */
package dev.rfm.analytics.profile;
