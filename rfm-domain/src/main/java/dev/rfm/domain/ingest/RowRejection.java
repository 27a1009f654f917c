package dev.rfm.domain.ingest;

import java.util.Objects;

/**
 * Why one line of an import file was not imported.
 *
 * @param line the physical line number in the file, the header being line 1
 * @param column the import column the problem is in ({@code customer_id}, {@code amount}, ...), or
 *     {@code null} when it concerns the whole line (e.g. a wrong number of fields)
 * @param message what is wrong, for a person to read
 */
public record RowRejection(long line, String column, String message) {

    public RowRejection {
        Objects.requireNonNull(message, "message");
    }
}
