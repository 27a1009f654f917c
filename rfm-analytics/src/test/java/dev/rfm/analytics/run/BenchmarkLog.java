package dev.rfm.analytics.run;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The benchmark's console output: one time-stamped line per step. */
final class BenchmarkLog {

    private BenchmarkLog() {}

    static void line(String text) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + text);
        System.out.flush();
    }

    static void progress(String text) {
        line(text);
    }
}
