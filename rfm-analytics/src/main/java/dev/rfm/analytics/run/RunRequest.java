package dev.rfm.analytics.run;

/**
 * The answer to "start a run": either the new run's id, or the id of the run already in progress.
 *
 * @param runId the started run, or the one that is running when {@code started} is false
 */
public record RunRequest(long runId, boolean started) {

    static RunRequest started(long runId) {
        return new RunRequest(runId, true);
    }

    static RunRequest busy(long runningRunId) {
        return new RunRequest(runningRunId, false);
    }
}
