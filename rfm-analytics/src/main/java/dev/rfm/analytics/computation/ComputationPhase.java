package dev.rfm.analytics.computation;

/** The phases of a scoring computation, in order, with the overall fraction done when each starts. */
public enum ComputationPhase {
    METRICS("metrics", 0.00),
    SCORES("scores", 0.05),
    SEGMENTS("segments", 0.10),
    VALUE_CLASSES("abc", 0.15),
    PURCHASE_MODEL("bgnbd-fit", 0.20),
    SPEND_MODEL("gamma-gamma-fit", 0.45),
    PREDICTIONS("predictions", 0.50),
    LIFECYCLE("lifecycle", 0.75),
    CUSTOM_SEGMENTS("custom-segments", 0.80),
    MIGRATION("migration", 0.85),
    SUMMARIES("summaries", 0.92),
    DONE("done", 1.00);

    private final String label;
    private final double start;

    ComputationPhase(String label, double start) {
        this.label = label;
        this.start = start;
    }

    /** Name shown as a run's {@code phase}. */
    public String label() {
        return label;
    }

    /** Fraction of the whole computation done when this phase starts. */
    public double start() {
        return start;
    }
}
