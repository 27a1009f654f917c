package dev.rfm.analytics.run;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named consecutive stretches of one measured run, in the order they happened: wall time, and the CPU time this JVM
 * used meanwhile (all its threads, GC included), which tells the product's own work from waiting for the database.
 */
final class Laps {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Map<String, Double> millis = new LinkedHashMap<>();
    private final Map<String, Double> cpuMillis = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    private final long startedCpu = OS.getProcessCpuTime();
    private long lapStarted = started;
    private long lapStartedCpu = startedCpu;

    /** Ends the stretch since the previous lap (or the start) under {@code name}. */
    void lap(String name) {
        long now = System.nanoTime();
        long cpu = OS.getProcessCpuTime();
        millis.merge(name, (now - lapStarted) / 1e6, Double::sum);
        cpuMillis.merge(name, (cpu - lapStartedCpu) / 1e6, Double::sum);
        lapStarted = now;
        lapStartedCpu = cpu;
    }

    double totalMillis() {
        return (lapStarted - started) / 1e6;
    }

    double totalCpuMillis() {
        return (lapStartedCpu - startedCpu) / 1e6;
    }

    Map<String, Double> millis() {
        return millis;
    }

    double get(String name) {
        return millis.getOrDefault(name, 0.0);
    }

    double cpu(String name) {
        return cpuMillis.getOrDefault(name, 0.0);
    }
}
