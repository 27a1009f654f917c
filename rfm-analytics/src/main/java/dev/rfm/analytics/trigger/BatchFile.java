package dev.rfm.analytics.trigger;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A batch as a CSV file for tools that pick up files: {@code <idempotencyKey>.csv} in the trigger's directory, one
 * line per customer with the webhook's fields. Written to a temporary file in the same directory (same file system)
 * and then moved into place atomically, so a tool polling the directory never reads half a file; the temporary name
 * ends in {@code .tmp} and starts with a dot, so a pattern like {@code *.csv} never matches it. Writing the same
 * batch again (a retry, a replay) replaces the file with identical content.
 */
public final class BatchFile {

    static final List<String> COLUMNS =
            List.of("customerId", "email", "fromSegment", "toSegment", "r", "f", "m", "pAlive", "predictedClv");

    private BatchFile() {}

    /** Writes the batch's body as CSV into {@code directory}; returns the file. */
    public static Path write(Path directory, String body) throws IOException {
        JsonObject batch;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            batch = reader.readObject();
        }
        Files.createDirectories(directory);
        Path target = directory.resolve(batch.getString("idempotencyKey") + ".csv");
        Path temp = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                out.write(String.join(",", COLUMNS) + "\n");
                for (JsonValue v : batch.getJsonArray("customers")) {
                    JsonObject customer = v.asJsonObject();
                    StringBuilder line = new StringBuilder();
                    for (String column : COLUMNS) {
                        if (!line.isEmpty()) line.append(',');
                        line.append(cell(customer.get(column)));
                    }
                    out.write(line + "\n");
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // same directory: only exotic file systems get here; a plain replace is the best they offer
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A CSV cell (RFC 4180 quoting); text a spreadsheet would run as a formula is prefixed with a quote. */
    static String cell(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) return "";
        if (v instanceof JsonNumber n) return n.toString();
        String text = v instanceof JsonString s ? s.getString() : v.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) text = "'" + text;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
