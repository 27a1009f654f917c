package dev.rfm.domain.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataCliTest {

    @TempDir
    Path directory;

    /** The build points java.io.tmpdir at target/tmp, which nothing else creates in this module. */
    @BeforeAll
    static void createTheTemporaryDirectory() throws IOException {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    }

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

    @Test
    void writesTheFileTheGeneratorWritesAndASummary() throws IOException {
        Path out = directory.resolve("orders.csv");

        int exitCode = DemoDataCli.run(
                new String[] {
                    "--customers",
                    "50",
                    "--end",
                    "2025-06-30",
                    "--start",
                    "2025-01-01",
                    "--seed",
                    "3",
                    "--out",
                    out.toString()
                },
                log);

        assertThat(exitCode).isZero();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo(DemoDataGenerator.HEADER);
        assertThat(lines.subList(1, lines.size()))
                .allSatisfy(line -> assertThat(line.split(",")[2]).isBetween("2025-01-01", "2025-06-30"));
        assertThat(Files.readString(out))
                .isEqualTo(generated(DemoDataSettings.of(50, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 6, 30), 3)));
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("50 customers")
                .contains(String.format("%,d rows", lines.size() - 1))
                .contains(String.format("%,d bytes", Files.size(out)));
    }

    @Test
    void defaultsToTheDemoSettingsEndingOnTheGivenDay() throws IOException {
        Path out = directory.resolve("demo.csv");

        assertThat(DemoDataCli.run(new String[] {"--end", "2025-12-31", "--out", out.toString()}, log))
                .isZero();

        assertThat(Files.readString(out)).isEqualTo(generated(DemoDataSettings.endingOn(LocalDate.of(2025, 12, 31))));
    }

    @Test
    void requiresTheEndDaySoThatNoFileDependsOnToday() {
        assertThat(DemoDataCli.run(new String[] {"--customers", "5"}, log)).isEqualTo(2);

        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("--end is required")
                .contains(DemoDataCli.USAGE);
    }

    @Test
    void rejectsBadArgumentsWithTheReasonAndTheUsage() {
        assertThat(DemoDataCli.run(new String[] {"--end", "2025-12-31", "--customers", "many"}, log))
                .isEqualTo(2);
        assertThat(DemoDataCli.run(new String[] {"--end", "2025-12-31", "--customers", "0"}, log))
                .isEqualTo(2);
        assertThat(DemoDataCli.run(new String[] {"--end", "31.12.2025"}, log)).isEqualTo(2);
        assertThat(DemoDataCli.run(new String[] {"--end", "2025-12-31", "--colour", "red"}, log))
                .isEqualTo(2);
        assertThat(DemoDataCli.run(new String[] {"--end"}, log)).isEqualTo(2);

        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("--customers must be a whole number, was many")
                .contains("customers must be at least 1, was 0")
                .contains("31.12.2025")
                .contains("unknown option --colour")
                .contains("--end needs a value");
    }

    @Test
    void reportsAnUnwritableFile() {
        Path missingDirectory = directory.resolve("missing").resolve("orders.csv");

        assertThat(DemoDataCli.run(
                        new String[] {"--customers", "5", "--end", "2025-12-31", "--out", missingDirectory.toString()},
                        log))
                .isEqualTo(1);
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("cannot write " + missingDirectory);
    }

    private static String generated(DemoDataSettings settings) throws IOException {
        StringWriter out = new StringWriter();
        DemoDataGenerator.of(settings).writeCsv(out);
        return out.toString();
    }
}
