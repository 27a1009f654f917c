package dev.rfm.domain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Generating 200,000 customers (about 100 million characters) in a JVM whose heap is 16 MB: it can only succeed if rows
 * are written as they are made and none are kept. Holding the output alone would take more than six such heaps.
 */
class DemoDataStreamingTest {

    private static final int CUSTOMERS = 200_000;
    private static final long HEAP_BYTES = 16L << 20;

    @Test
    void twoHundredThousandCustomersStreamThroughASixteenMegabyteHeap() throws Exception {
        // the build points java.io.tmpdir at target/tmp, which nothing else creates in this module
        Path directory = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        Path report = Files.createTempFile(directory, "streaming-probe", ".txt");
        Process probe = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + (HEAP_BYTES >> 20) + "m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        location(DemoDataGenerator.class)
                                + System.getProperty("path.separator")
                                + location(StreamingProbe.class),
                        StreamingProbe.class.getName(),
                        String.valueOf(CUSTOMERS))
                .redirectErrorStream(true)
                .redirectOutput(report.toFile())
                .start();
        // a guard against a hung child, not a timing assertion
        boolean finished = probe.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            probe.destroyForcibly();
        }
        String output = Files.readString(report, StandardCharsets.UTF_8).trim();
        Files.delete(report);

        assertThat(finished).as("probe finished").isTrue();

        assertThat(probe.exitValue()).as(output).isZero();
        String[] counts = output.split(" ");
        long customers = Long.parseLong(counts[0]);
        long rows = Long.parseLong(counts[1]);
        long chars = Long.parseLong(counts[2]);
        long lines = Long.parseLong(counts[3]);
        long largestWrite = Long.parseLong(counts[4]);
        assertThat(customers).isEqualTo(CUSTOMERS);
        assertThat(lines).isEqualTo(rows + 1);
        assertThat(rows).isGreaterThan(5L * CUSTOMERS);
        assertThat(chars).isGreaterThan(6 * HEAP_BYTES);
        // chunks of FLUSH_CHARS plus the rows of one order (at most 8 lines of under 120 characters)
        assertThat(largestWrite)
                .isBetween((long) DemoDataGenerator.FLUSH_CHARS, DemoDataGenerator.FLUSH_CHARS + 1_000L);
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }
}
