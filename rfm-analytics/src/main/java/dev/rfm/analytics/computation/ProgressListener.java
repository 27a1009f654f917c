package dev.rfm.analytics.computation;

/** Receives the phase and overall fraction (0..1) of a running computation. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (phase, fraction) -> {};

    void onProgress(ComputationPhase phase, double fraction);
}
