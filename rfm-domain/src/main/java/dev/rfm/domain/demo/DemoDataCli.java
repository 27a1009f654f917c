package dev.rfm.domain.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes a demo data file from the command line, for benchmarks and manual imports.
 *
 * <h2>Usage</h2>
 *
 * <pre>
 * java -cp rfm-domain/target/classes dev.rfm.domain.demo.DemoDataCli \
 *     --customers 1000000 --end 2025-12-31 --seed 7 --out /tmp/orders-1m.csv
 * </pre>
 *
 * <p>{@code --end} is required, so that a file never depends on the day it was made; {@code --start} defaults to two
 * years before it, {@code --customers} and {@code --seed} to the demo's defaults, {@code --out} to standard output. A
 * summary goes to standard error. Exit code 0 on success, 2 for bad arguments, 1 for an I/O failure.
 */
public final class DemoDataCli {

    static final String USAGE = "usage: DemoDataCli --end yyyy-MM-dd [--start yyyy-MM-dd] [--customers N] [--seed S]"
            + " [--out file.csv|-]";

    private static final Set<String> OPTIONS = Set.of("--customers", "--start", "--end", "--seed", "--out");

    private DemoDataCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Runs the command and answers its exit code; messages go to {@code log}. */
    static int run(String[] args, PrintStream log) {
        DemoDataSettings settings;
        String out;
        try {
            Map<String, String> options = parse(args);
            LocalDate end = LocalDate.parse(required(options, "--end"));
            DemoDataSettings defaults = DemoDataSettings.endingOn(end);
            settings = DemoDataSettings.of(
                    (int) number(options, "--customers", defaults.customers()),
                    options.containsKey("--start") ? LocalDate.parse(options.get("--start")) : defaults.firstDay(),
                    end,
                    number(options, "--seed", defaults.seed()));
            out = options.getOrDefault("--out", "-");
        } catch (IllegalArgumentException | DateTimeParseException e) {
            log.println(e.getMessage());
            log.println(USAGE);
            return 2;
        }
        long started = System.nanoTime();
        try {
            DemoDataSummary summary = write(settings, out);
            double seconds = (System.nanoTime() - started) / 1e9;
            String size = "-".equals(out) ? "" : String.format(", %,d bytes", Files.size(Path.of(out)));
            log.printf(
                    "%s: %,d customers, %,d purchases, %,d refunds, %,d rows%s in %.1f s%n",
                    out, summary.customers(), summary.purchases(), summary.refunds(), summary.rows(), size, seconds);
            return 0;
        } catch (IOException e) {
            log.println("cannot write " + out + ": " + e.getMessage());
            return 1;
        }
    }

    private static DemoDataSummary write(DemoDataSettings settings, String out) throws IOException {
        DemoDataGenerator generator = DemoDataGenerator.of(settings);
        if ("-".equals(out)) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
            return generator.writeCsv(writer);
        }
        try (Writer writer = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(Path.of(out)), StandardCharsets.UTF_8), 1 << 16)) {
            return generator.writeCsv(writer);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static long number(Map<String, String> options, String name, long defaultValue) {
        String value = options.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return name.equals("--customers") ? Integer.parseInt(value) : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + value, e);
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
