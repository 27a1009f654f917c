package dev.rfm.domain.source;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A data source as stored: its definition, whether it has a password (never the password), and how far its pulls
 * have read.
 *
 * @param watermark the last committed watermark, {@code null} before the first pull that read a row
 */
public record StoredSource(
        long id,
        SourceDefinition definition,
        boolean hasPassword,
        Watermark watermark,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {

    public StoredSource {
        Objects.requireNonNull(definition, "definition");
    }
}
