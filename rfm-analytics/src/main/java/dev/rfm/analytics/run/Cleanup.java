package dev.rfm.analytics.run;

import java.sql.SQLException;

/**
 * Clean-up after a failure that must never hide the failure: whatever a clean-up step throws is added to the original
 * exception as suppressed, and the remaining steps still run.
 */
final class Cleanup {

    interface Step {
        void run() throws SQLException;
    }

    private Cleanup() {}

    static void quietly(Throwable failure, Step... steps) {
        for (Step step : steps) {
            try {
                step.run();
            } catch (SQLException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
