package dev.rfm.domain.ingest;

import de.siegmar.fastcsv.reader.CsvRecord;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Checks one data line against the import rules and fills an {@link OrderLine}, or says what is wrong.
 *
 * <p>Rules (the first problem found is reported, columns checked in the order customer_id, order_id,
 * order_date, amount, quantity, channel, customer_name, customer_email):
 *
 * <ul>
 *   <li>the line has exactly as many fields as the header;
 *   <li>values are trimmed; an empty optional value is absent, an empty required one is missing;
 *   <li>{@code customer_id}, {@code order_id}: at most 64 characters; {@code channel} 40, {@code
 *       customer_name} 200, {@code customer_email} 254 (the database column sizes, counted in UTF-16 units
 *       as H2 does);
 *   <li>{@code order_date}: {@code yyyy-MM-dd}, or an ISO date-time ({@code 2024-03-01T14:30},
 *       seconds and fractions optional, a space instead of {@code T} accepted); an offset or zone after it
 *       is accepted and dropped: the local date and time as written are stored, because the purchase day
 *       of a customer is the day on the source's clock; fractions finer than microseconds are cut;
 *   <li>{@code amount}: a plain decimal ({@code 12}, {@code -3.5}, {@code .99}), point as decimal
 *       separator, no exponent or thousands separators, at most 15 digits before the point and at most 4
 *       after it (trailing zeros do not count). More decimals are rejected, not rounded: money must not
 *       change silently on the way in. The absolute amounts of all stored orders together stay within
 *       {@link OrderTotals#LIMIT}: the line that would pass it is rejected;
 *   <li>{@code quantity}: a whole number (negative allowed, e.g. returns).
 * </ul>
 */
final class LineChecker {

    static final String MISSING = "value is missing";

    private static final DateTimeFormatter ISO_DATE_TIME = DateTimeFormatter.ISO_DATE_TIME;

    private final HeaderLayout layout;
    private final int customerId;
    private final int orderId;
    private final int orderDate;
    private final int amount;
    private final int quantity;
    private final int channel;
    private final int customerName;
    private final int customerEmail;

    /** Over the good lines so far: the most digits before the point of an amount, the largest |quantity|. */
    private int maxAmountDigits;

    private long maxQuantity;
    private long goodLines;

    /** What the good lines may still add up to in absolute amount, ten-thousandths (see {@link OrderTotals}). */
    private long amountBudget;

    LineChecker(HeaderLayout layout) {
        this(layout, OrderTotals.LIMIT);
    }

    /**
     * @param amountBudget how much absolute amount (ten-thousandths) the stored orders leave for new ones
     */
    LineChecker(HeaderLayout layout, long amountBudget) {
        this.layout = layout;
        this.amountBudget = amountBudget;
        this.customerId = layout.position(Column.CUSTOMER_ID);
        this.orderId = layout.position(Column.ORDER_ID);
        this.orderDate = layout.position(Column.ORDER_DATE);
        this.amount = layout.position(Column.AMOUNT);
        this.quantity = layout.position(Column.QUANTITY);
        this.channel = layout.position(Column.CHANNEL);
        this.customerName = layout.position(Column.CUSTOMER_NAME);
        this.customerEmail = layout.position(Column.CUSTOMER_EMAIL);
    }

    int fieldCount() {
        return layout.fieldCount();
    }

    /**
     * Whether the item lines checked so far could add up beyond {@code numeric(19, 4)} or a 32-bit quantity
     * (even if all of them were one order). Usually not, which spares the merge a pass.
     */
    boolean sumsMayOverflow() {
        double amountBound = goodLines * Math.pow(10, maxAmountDigits);
        return amountBound >= 1e15 || (double) goodLines * maxQuantity > Integer.MAX_VALUE;
    }

    /** Whether the line holds nothing but separators and blanks: such lines are skipped like empty ones. */
    static boolean isBlank(CsvRecord record) {
        for (int i = 0; i < record.getFieldCount(); i++) {
            if (!record.getField(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the line and fills {@code line}.
     *
     * @return {@code null} when the line is good, else why it is rejected
     */
    RowRejection check(CsvRecord record, OrderLine line) {
        long lineNo = record.getStartingLineNumber();
        line.lineNo = lineNo;
        int fields = record.getFieldCount();
        if (fields != layout.fieldCount()) {
            return new RowRejection(
                    lineNo,
                    null,
                    "the line has " + fields + " field" + (fields == 1 ? "" : "s") + " but the header has "
                            + layout.fieldCount()
                            + (fields > layout.fieldCount() ? " (a value with a comma must be in double quotes)" : ""));
        }
        String problem;
        line.customerId = text(record, customerId);
        if ((problem = checkText(line.customerId, Column.CUSTOMER_ID)) != null) {
            return new RowRejection(lineNo, Column.CUSTOMER_ID.header(), problem);
        }
        line.orderId = text(record, orderId);
        if ((problem = checkText(line.orderId, Column.ORDER_ID)) != null) {
            return new RowRejection(lineNo, Column.ORDER_ID.header(), problem);
        }
        if ((problem = parseOrderDate(text(record, orderDate), line)) != null) {
            return new RowRejection(lineNo, Column.ORDER_DATE.header(), problem);
        }
        String amountText = text(record, amount);
        if ((problem = checkAmount(amountText)) != null) {
            return new RowRejection(lineNo, Column.AMOUNT.header(), problem);
        }
        line.amountText = amountText;
        maxAmountDigits = Math.max(maxAmountDigits, integerDigits(amountText));
        line.quantity = null;
        String quantityText = text(record, quantity);
        if (quantityText != null) {
            try {
                line.quantity = Integer.valueOf(quantityText);
            } catch (NumberFormatException e) {
                return new RowRejection(
                        lineNo,
                        Column.QUANTITY.header(),
                        isInteger(quantityText)
                                ? quote(quantityText) + " is out of range for a quantity"
                                : quote(quantityText) + " is not a whole number");
            }
        }
        line.channel = text(record, channel);
        if ((problem = checkText(line.channel, Column.CHANNEL)) != null) {
            return new RowRejection(lineNo, Column.CHANNEL.header(), problem);
        }
        line.customerName = text(record, customerName);
        if ((problem = checkText(line.customerName, Column.CUSTOMER_NAME)) != null) {
            return new RowRejection(lineNo, Column.CUSTOMER_NAME.header(), problem);
        }
        line.customerEmail = text(record, customerEmail);
        if ((problem = checkText(line.customerEmail, Column.CUSTOMER_EMAIL)) != null) {
            return new RowRejection(lineNo, Column.CUSTOMER_EMAIL.header(), problem);
        }
        long absAmount = OrderTotals.absTenThousandths(amountText);
        if (absAmount > amountBudget) {
            return new RowRejection(lineNo, Column.AMOUNT.header(), overBudget(amountText, absAmount));
        }
        amountBudget -= absAmount;
        if (line.quantity != null) {
            maxQuantity = Math.max(maxQuantity, Math.abs((long) line.quantity));
        }
        goodLines++;
        return null;
    }

    private static String overBudget(String amountText, long absAmount) {
        if (absAmount > OrderTotals.LIMIT) {
            return quote(amountText) + " is too large: amounts may add up to at most " + OrderTotals.LIMIT_TEXT
                    + " in total (what a scoring run adds up exactly)";
        }
        return quote(amountText) + " would bring the amounts of all orders together (refunds counted as positive)"
                + " beyond " + OrderTotals.LIMIT_TEXT + ", the most a scoring run adds up exactly";
    }

    /** The trimmed value, {@code null} when empty or when the file has no such column. */
    private static String text(CsvRecord record, int position) {
        if (position < 0) {
            return null;
        }
        String value = record.getField(position);
        if (value.isEmpty()) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static String checkText(String value, Column column) {
        if (value == null) {
            return column.required() ? MISSING : null;
        }
        // Counted in UTF-16 units, as H2 counts a column's length: an emoji or a rare CJK character (outside the
        // basic plane) takes two. PostgreSQL counts code points, so this is the stricter of the two.
        int max = column.maxLength();
        if (value.length() > max) {
            int codePoints = value.codePointCount(0, value.length());
            return quote(value) + " is " + value.length() + " characters long, at most " + max + " are allowed"
                    + (codePoints < value.length() ? " (emoji and other rare characters count as two)" : "");
        }
        return null;
    }

    /** Parses {@code order_date} into the line; returns the problem or {@code null}. */
    static String parseOrderDate(String value, OrderLine line) {
        if (value == null) {
            return MISSING;
        }
        int length = value.length();
        if (length == 10
                && value.charAt(4) == '-'
                && value.charAt(7) == '-'
                && digits(value, 0, 4)
                && digits(value, 5, 7)
                && digits(value, 8, 10)) {
            try {
                LocalDate date = LocalDate.of(
                        Integer.parseInt(value, 0, 4, 10),
                        Integer.parseInt(value, 5, 7, 10),
                        Integer.parseInt(value, 8, 10, 10));
                if (date.getYear() < 1) {
                    return quote(value) + " is not a valid calendar date";
                }
                line.orderedAt = date.atStartOfDay();
                line.orderedAtText = value;
                return null;
            } catch (DateTimeException e) {
                return quote(value) + " is not a valid calendar date";
            }
        }
        if (length > 10 && (value.charAt(10) == 'T' || value.charAt(10) == 't' || value.charAt(10) == ' ')) {
            try {
                LocalDateTime plain = plainDateTime(value);
                if (plain != null) {
                    line.orderedAt = plain;
                    line.orderedAtText = timestampText(plain);
                    return null;
                }
                String iso = value.charAt(10) == 'T' ? value : value.substring(0, 10) + 'T' + value.substring(11);
                LocalDateTime at = LocalDateTime.from(ISO_DATE_TIME.parse(iso)).truncatedTo(ChronoUnit.MICROS);
                if (at.getYear() < 1 || at.getYear() > 9999) {
                    return quote(value) + " is not a valid calendar date";
                }
                line.orderedAt = at;
                line.orderedAtText = timestampText(at);
                return null;
            } catch (DateTimeException e) {
                // fall through to the general message
            }
        }
        return quote(value) + " is not a date: use yyyy-MM-dd or an ISO date-time such as 2024-03-01T14:30:00";
    }

    /**
     * The common date-times without the cost of {@link DateTimeFormatter}: {@code yyyy-MM-ddTHH:mm}, optional
     * {@code :ss} and fraction, optional {@code Z}. Returns {@code null} for anything else (offsets, zones,
     * odd forms), which the formatter then judges.
     *
     * @throws DateTimeException for digits out of range, e.g. hour 25
     */
    private static LocalDateTime plainDateTime(String value) {
        int length = value.length();
        if (length < 16
                || value.charAt(4) != '-'
                || value.charAt(7) != '-'
                || value.charAt(13) != ':'
                || !digits(value, 0, 4)
                || !digits(value, 5, 7)
                || !digits(value, 8, 10)
                || !digits(value, 11, 13)
                || !digits(value, 14, 16)) {
            return null;
        }
        int i = 16;
        int second = 0;
        int nano = 0;
        if (i < length && value.charAt(i) == ':') {
            if (length < i + 3 || !digits(value, i + 1, i + 3)) {
                return null;
            }
            second = Integer.parseInt(value, i + 1, i + 3, 10);
            i += 3;
            if (i < length && value.charAt(i) == '.') {
                int start = ++i;
                while (i < length && isDigit(value.charAt(i)) && i - start < 9) {
                    nano = nano * 10 + (value.charAt(i++) - '0');
                }
                if (i == start) {
                    return null;
                }
                for (int scale = i - start; scale < 9; scale++) {
                    nano *= 10;
                }
            }
        }
        if (i < length && (value.charAt(i) == 'Z' || value.charAt(i) == 'z') && i + 1 == length) {
            i++;
        }
        if (i != length) {
            return null;
        }
        LocalDateTime at = LocalDateTime.of(
                Integer.parseInt(value, 0, 4, 10),
                Integer.parseInt(value, 5, 7, 10),
                Integer.parseInt(value, 8, 10, 10),
                Integer.parseInt(value, 11, 13, 10),
                Integer.parseInt(value, 14, 16, 10),
                second,
                nano);
        if (at.getYear() < 1) {
            throw new DateTimeException("year 0");
        }
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code yyyy-MM-dd HH:mm:ss.ffffff}, the form both PostgreSQL and H2 read as a timestamp. */
    static String timestampText(LocalDateTime at) {
        StringBuilder text = new StringBuilder(26);
        text.append(at.toLocalDate()).append(' ');
        pad2(text, at.getHour()).append(':');
        pad2(text, at.getMinute()).append(':');
        pad2(text, at.getSecond());
        int micros = at.getNano() / 1000;
        if (micros > 0) {
            String fraction = Integer.toString(1_000_000 + micros);
            text.append('.').append(fraction, 1, 7);
        }
        return text.toString();
    }

    private static StringBuilder pad2(StringBuilder text, int value) {
        if (value < 10) {
            text.append('0');
        }
        return text.append(value);
    }

    /** Checks {@code amount}; returns the problem or {@code null}. */
    static String checkAmount(String value) {
        if (value == null) {
            return MISSING;
        }
        int length = value.length();
        int i = 0;
        if (value.charAt(0) == '+' || value.charAt(0) == '-') {
            i++;
        }
        int integerStart = i;
        while (i < length && isDigit(value.charAt(i))) {
            i++;
        }
        int integerEnd = i;
        int fractionStart = i;
        int fractionEnd = i;
        if (i < length && value.charAt(i) == '.') {
            fractionStart = ++i;
            while (i < length && isDigit(value.charAt(i))) {
                i++;
            }
            fractionEnd = i;
        }
        if (i != length || (integerEnd == integerStart && fractionEnd == fractionStart)) {
            return quote(value)
                    + " is not a decimal number: use a point as decimal separator and no thousands separators";
        }
        int significantStart = integerStart;
        while (significantStart < integerEnd && value.charAt(significantStart) == '0') {
            significantStart++;
        }
        if (integerEnd - significantStart > 15) {
            return quote(value) + " is too large: at most 15 digits before the decimal point";
        }
        while (fractionEnd > fractionStart && value.charAt(fractionEnd - 1) == '0') {
            fractionEnd--;
        }
        int decimals = fractionEnd - fractionStart;
        if (decimals > 4) {
            return quote(value) + " has " + decimals + " decimal places, at most 4 are allowed";
        }
        return null;
    }

    /** Digits before the decimal point of a checked amount, leading zeros not counted. */
    static int integerDigits(String amount) {
        int i = amount.charAt(0) == '+' || amount.charAt(0) == '-' ? 1 : 0;
        while (i < amount.length() && amount.charAt(i) == '0') {
            i++;
        }
        int start = i;
        while (i < amount.length() && isDigit(amount.charAt(i))) {
            i++;
        }
        return i - start;
    }

    private static boolean isInteger(String value) {
        int start = value.charAt(0) == '+' || value.charAt(0) == '-' ? 1 : 0;
        return value.length() > start && digits(value, start, value.length());
    }

    private static boolean digits(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value in single quotes, shortened and with control characters blanked, for messages. */
    static String quote(String value) {
        String shown = HeaderLayout.shorten(value, 40);
        StringBuilder text = new StringBuilder(shown.length() + 2).append('\'');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            text.append(Character.isISOControl(c) ? ' ' : c);
        }
        return text.append('\'').toString();
    }
}
