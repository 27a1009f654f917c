package dev.rfm.domain.snapshot;

/**
 * The CLV models fitted in a run, with their health. Parameters are null when the fit failed or was skipped.
 *
 * @param timeUnit {@code days} or {@code weeks}: the unit of α (BG/NBD); r, a, b and the Gamma-Gamma parameters
 *     do not depend on it
 */
public record ModelFit(
        long runId,
        String status,
        String timeUnit,
        Double r,
        Double alpha,
        Double a,
        Double b,
        Double logLikelihood,
        Long bgnbdCustomers,
        Integer bgnbdIterations,
        Boolean bgnbdConverged,
        Double p,
        Double q,
        Double gamma,
        Long ggCustomers,
        Integer ggIterations,
        Boolean ggConverged) {}
