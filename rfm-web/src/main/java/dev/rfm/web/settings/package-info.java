/**
 * The Settings page (ADMIN): the active scoring profile as a form, the industry presets, a preview of how a draft
 * moves customers between segments, and saving through {@link dev.rfm.analytics.run.ScoringProfiles}.
 */
package dev.rfm.web.settings;
