/**
 * Data sources in the container (decision 0016): {@code /api/sources} for ADMINs, pulls on a managed executor, and
 * the once-a-minute timer that starts scheduled pulls, each slot claimed once across servers. The work itself is in
 * {@code dev.rfm.domain.source}.
 */
package dev.rfm.web.source;
