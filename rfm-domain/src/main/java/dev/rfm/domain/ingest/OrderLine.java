package dev.rfm.domain.ingest;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One checked line of an import file, ready to stage. Mutable and reused from line to line: millions of
 * lines pass through one instance.
 */
final class OrderLine {

    long lineNo;
    /**
     * How many lines this one stands for: {@link ItemLineMerger} adds up item lines that follow each other
     * into one, covering lines {@code lineNo .. lineNo + lineCount - 1}; 1 for a single line.
     */
    int lineCount = 1;

    String customerId;
    String orderId;
    /** When the order was placed; midnight when the file gave only a date. */
    LocalDateTime orderedAt;
    /** {@link #orderedAt} as PostgreSQL reads it: {@code yyyy-MM-dd} or {@code yyyy-MM-dd HH:mm:ss.ffffff}. */
    String orderedAtText;
    /** The amount as written in the file (checked: a plain decimal with at most 4 decimals), or the lines' sum. */
    String amountText;
    /** {@code null} when the file gives none. */
    Integer quantity;

    String channel;
    String customerName;
    String customerEmail;

    BigDecimal amount() {
        return new BigDecimal(amountText);
    }
}
