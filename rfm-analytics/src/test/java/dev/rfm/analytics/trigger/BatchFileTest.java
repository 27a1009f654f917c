package dev.rfm.analytics.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV file of a batch: quoted cells, and never seen half-written by a tool polling the directory. */
class BatchFileTest {

    private static String body(int customers, String email) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (int i = 0; i < customers; i++) {
            list.add(Json.createObjectBuilder()
                    .add("customerId", "C" + i)
                    .add("email", email)
                    .addNull("fromSegment")
                    .add("toSegment", "AT_RISK")
                    .add("r", 1)
                    .add("f", 2)
                    .add("m", 3)
                    .add("pAlive", 0.25)
                    .addNull("predictedClv"));
        }
        return Json.createObjectBuilder()
                .add("idempotencyKey", "trigger-1-run-2-batch-3")
                .add("customers", list)
                .build()
                .toString();
    }

    @Test
    void quotesCellsAndDefusesFormulas(@TempDir Path dir) throws Exception {
        Path file = BatchFile.write(dir, body(1, "=HYPERLINK(\"x\",\"y\")"));
        assertThat(file.getFileName()).hasToString("trigger-1-run-2-batch-3.csv");
        assertThat(Files.readAllLines(file))
                .containsExactly(
                        "customerId,email,fromSegment,toSegment,r,f,m,pAlive,predictedClv",
                        "C0,\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",,AT_RISK,1,2,3,0.25,");
    }

    @Test
    void aReaderNeverSeesAPartialFile(@TempDir Path dir) throws Exception {
        int customers = 5_000; // ~300 KB: many write calls per file
        String body = body(customers, "someone@example.com");
        Path target = dir.resolve("trigger-1-run-2-batch-3.csv");
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<int[]> reader = pool.submit(() -> {
                int reads = 0;
                int partial = 0;
                while (writing.get()) {
                    try {
                        List<String> lines = Files.readAllLines(target);
                        reads++;
                        if (lines.size() != customers + 1) partial++;
                    } catch (NoSuchFileException e) {
                        // not there yet
                    }
                }
                return new int[] {reads, partial};
            });
            for (int i = 0; i < 100; i++) BatchFile.write(dir, body);
            writing.set(false);
            int[] seen = reader.get();
            assertThat(seen[0])
                    .as("the reader read the file while it was being replaced")
                    .isPositive();
            assertThat(seen[1]).as("partial files seen").isZero();
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
