package dev.rfm.analytics.segment;

import java.math.BigDecimal;

/**
 * How numbers in custom rule conditions may be written: plain decimals ({@code 12}, {@code 12.5}, {@code -3.25}), with
 * at most so many digits before and after the point, as fits each condition. The text is checked character by
 * character <em>before</em> a {@link BigDecimal} is built from it, and the check stops at the first character too many:
 * {@code 1e500000000} or a megabyte of digits is refused in microseconds, where building it (and later {@code setScale}
 * or {@code toPlainString}) would cost minutes of CPU and hundreds of megabytes.
 *
 * <p>Refused: exponents ({@code 1e5}, {@code 1E-3}), a leading {@code +}, hexadecimal ({@code 0x10}), {@code NaN},
 * {@code Infinity}, a point without digits on both sides ({@code .5}, {@code 5.}), group separators, and too many
 * digits.
 *
 * <p>Usage: {@code BigDecimal min = ConditionNumber.MONEY.parse("500.25")}.
 *
 * @param integerDigits most digits before the decimal point
 * @param decimals most digits after it; 0 for whole numbers
 * @param negative whether a leading {@code -} is allowed
 */
public record ConditionNumber(int integerDigits, int decimals, boolean negative) {

    /** R, F and M scores: one digit (the scale check that follows wants 1..5). */
    public static final ConditionNumber SCORE = new ConditionNumber(1, 0, false);

    /** Days and purchase counts: whole, not negative, within an {@code int}. */
    public static final ConditionNumber COUNT = new ConditionNumber(9, 0, false);

    /** Money in currency units: as the database stores it, 15 digits and 4 decimals; refunds make it negative. */
    public static final ConditionNumber MONEY = new ConditionNumber(15, 4, true);

    /** A probability: 0..1, with at most the 15 decimals a {@code double} tells apart. */
    public static final ConditionNumber PROBABILITY = new ConditionNumber(1, 15, false);

    /** How much of a refused text an error message repeats. */
    private static final int SHOWN = 24;

    /** Checks the limits. */
    public ConditionNumber {
        if (integerDigits < 1 || integerDigits > 18 || decimals < 0 || decimals > 18) {
            throw new IllegalArgumentException(
                    "integerDigits must lie within [1, 18] and decimals within [0, 18], were " + integerDigits + " and "
                            + decimals);
        }
    }

    /**
     * The number the text writes.
     *
     * @throws IllegalArgumentException saying in words why the text is no such number
     */
    public BigDecimal parse(String text) {
        String problem = problem(text);
        if (problem != null) throw new IllegalArgumentException(problem);
        return new BigDecimal(text);
    }

    /** Why the text is not a number of this kind, or {@code null} when it is one. Linear, and stops early. */
    String problem(String text) {
        if (text == null || text.isEmpty()) return "a number is missing";
        int i = 0;
        int n = text.length();
        char first = text.charAt(0);
        if (first == '+') return "'" + shown(text) + "': write the number without a leading +";
        if (first == '-') {
            if (!negative) return "'" + shown(text) + "' must not be negative";
            i++;
        }
        int integers = 0;
        while (i < n && isDigit(text.charAt(i))) {
            if (++integers > integerDigits) return "'" + shown(text) + "' has " + tooMany(integerDigits);
            i++;
        }
        if (integers == 0) return notPlain(text, i);
        if (i == n) return null;
        if (text.charAt(i) != '.') return notPlain(text, i);
        if (decimals == 0) return "'" + shown(text) + "' must be a whole number";
        i++;
        int fraction = 0;
        while (i < n && isDigit(text.charAt(i))) {
            if (++fraction > decimals) {
                return "'" + shown(text) + "' has more than " + decimals + (decimals == 1 ? " decimal" : " decimals");
            }
            i++;
        }
        if (fraction == 0 || i < n) return notPlain(text, i);
        return null;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9'; // not Character.isDigit: BigDecimal would also take other scripts' digits
    }

    private static String tooMany(int integerDigits) {
        return "more than " + integerDigits + (integerDigits == 1 ? " digit" : " digits") + " before the decimal point";
    }

    /** @param at where the first character that does not belong is */
    private static String notPlain(String text, int at) {
        String reason = at > 0 && at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')
                ? " (exponents are not accepted: write the number out)"
                : "";
        return "'" + shown(text) + "' is not a plain decimal number such as 12 or 12.5" + reason;
    }

    private static String shown(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "… (" + text.length() + " characters)";
    }
}
