package dev.rfm.domain.ingest;

import java.util.Locale;

/** The columns an import file may have, named as in the header. */
enum Column {
    CUSTOMER_ID(true, 64),
    ORDER_ID(true, 64),
    ORDER_DATE(true, 0),
    AMOUNT(true, 0),
    QUANTITY(false, 0),
    CHANNEL(false, 40),
    CUSTOMER_NAME(false, 200),
    CUSTOMER_EMAIL(false, 254);

    private final boolean required;
    private final int maxLength;
    private final String header;

    Column(boolean required, int maxLength) {
        this.required = required;
        this.maxLength = maxLength;
        this.header = name().toLowerCase(Locale.ROOT);
    }

    boolean required() {
        return required;
    }

    /** The longest text value the database column takes, in characters; 0 for parsed values. */
    int maxLength() {
        return maxLength;
    }

    /** The name in the header, e.g. {@code customer_id}. */
    String header() {
        return header;
    }

    static Column byHeader(String name) {
        for (Column column : values()) {
            if (column.header.equals(name)) {
                return column;
            }
        }
        return null;
    }
}
