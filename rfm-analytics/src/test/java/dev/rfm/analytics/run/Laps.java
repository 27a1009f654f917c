package dev.rfm.analytics.run;

import java.util.LinkedHashMap;
import java.util.Map;

/** Named consecutive stretches of one measured run, in milliseconds, in the order they happened. */
final class Laps {

    private final Map<String, Double> millis = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private long lapStarted = started;

    /** Ends the stretch since the previous lap (or the start) under {@code name}. */
    void lap(String name) {
        long now = System.nanoTime();
        millis.merge(name, (now - lapStarted) / 1e6, Double::sum);
        lapStarted = now;
    }

    /** Starts a new stretch now without recording the time since the previous lap. */
    void restart() {
        lapStarted = System.nanoTime();
    }

    double totalMillis() {
        return (lapStarted - started) / 1e6;
    }

    Map<String, Double> millis() {
        return millis;
    }

    double get(String name) {
        return millis.getOrDefault(name, 0.0);
    }
}
