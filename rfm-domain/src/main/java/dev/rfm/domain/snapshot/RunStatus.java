package dev.rfm.domain.snapshot;

/** Where a scoring run is. Only {@link #SUCCEEDED} runs ever become the current snapshot. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
