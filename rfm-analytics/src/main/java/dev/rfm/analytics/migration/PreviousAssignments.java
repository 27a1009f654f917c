package dev.rfm.analytics.migration;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The previous run's assignments: per customer its standard, cn8 and custom segment codes and its
 * lifecycle stage code, and the previous reference date. Codes are dictionary-encoded per kind
 * (one {@code short} per customer and kind), so millions of customers cost a few bytes each.
 *
 * <p>Usage: {@code builder(previousReferenceDate).add(id, "CHAMPIONS", "IMPORTANT_VALUE", "OTHER",
 * "ACTIVE")} for customers in ascending id order, or {@link #none()} for a first run.
 */
public final class PreviousAssignments {

    private static final short NO_CODE = -1;
    private static final PreviousAssignments NONE =
            new PreviousAssignments(null, 0, new long[0], new short[4][0], emptyDictionaries());

    private final LocalDate referenceDate;
    private final int size;
    private final long[] customerIds;
    private final short[][] codes;
    private final List<List<String>> dictionaries;

    private PreviousAssignments(
            LocalDate referenceDate, int size, long[] customerIds, short[][] codes, List<List<String>> dictionaries) {
        this.referenceDate = referenceDate;
        this.size = size;
        this.customerIds = customerIds;
        this.codes = codes;
        this.dictionaries = dictionaries;
    }

    private static List<List<String>> emptyDictionaries() {
        List<List<String>> list = new ArrayList<>();
        for (int k = 0; k < AssignmentKind.values().length; k++) {
            list.add(List.of());
        }
        return List.copyOf(list);
    }

    /** No previous run. */
    public static PreviousAssignments none() {
        return NONE;
    }

    /** A builder for the assignments of the run as of {@code referenceDate}. */
    public static Builder builder(LocalDate referenceDate) {
        return new Builder(referenceDate);
    }

    /** The previous run's reference date, or {@code null} without a previous run. */
    public LocalDate referenceDate() {
        return referenceDate;
    }

    public int size() {
        return size;
    }

    public long customerId(int index) {
        return customerIds[index];
    }

    /** The index of a customer, or a negative number. */
    public int indexOf(long customerId) {
        return Arrays.binarySearch(customerIds, 0, size, customerId);
    }

    /** The code of {@code kind} for the customer at {@code index}, or {@code null} if it had none. */
    public String code(AssignmentKind kind, int index) {
        short c = codes[kind.ordinal()][index];
        return c == NO_CODE ? null : dictionaries.get(kind.ordinal()).get(c);
    }

    /** The distinct codes of {@code kind}, in order of first appearance. */
    public List<String> codes(AssignmentKind kind) {
        return dictionaries.get(kind.ordinal());
    }

    /** Dictionary index of the code of {@code kind} at {@code index}, or -1. */
    public int codeIndex(AssignmentKind kind, int index) {
        return codes[kind.ordinal()][index];
    }

    /** Collects assignments of customers in ascending id order. */
    public static final class Builder {
        private final LocalDate referenceDate;
        private int size;
        private long[] customerIds = new long[1024];
        private short[][] codes = new short[4][1024];
        private final List<Map<String, Short>> index = new ArrayList<>();
        private final List<List<String>> dictionaries = new ArrayList<>();
        private boolean built;

        private Builder(LocalDate referenceDate) {
            this.referenceDate = Objects.requireNonNull(referenceDate, "referenceDate must not be null");
            for (int k = 0; k < 4; k++) {
                index.add(new HashMap<>());
                dictionaries.add(new ArrayList<>());
            }
        }

        /**
         * Adds one customer's previous assignments; a {@code null} code means "none".
         *
         * @throws IllegalArgumentException if ids do not ascend, or a kind has more than 32,767
         *     distinct codes
         */
        public Builder add(long customerId, String standard, String cn8, String custom, String stage) {
            if (built) {
                throw new IllegalStateException("build() was already called");
            }
            if (size > 0 && customerId <= customerIds[size - 1]) {
                throw new IllegalArgumentException(
                        "customerId must ascend strictly: " + customerId + " after " + customerIds[size - 1]);
            }
            if (size == customerIds.length) {
                int capacity = size + (size >> 1);
                customerIds = Arrays.copyOf(customerIds, capacity);
                for (int k = 0; k < 4; k++) {
                    codes[k] = Arrays.copyOf(codes[k], capacity);
                }
            }
            customerIds[size] = customerId;
            String[] values = {standard, cn8, custom, stage};
            for (int k = 0; k < 4; k++) {
                codes[k][size] = encode(k, values[k]);
            }
            size++;
            return this;
        }

        private short encode(int kind, String code) {
            if (code == null) {
                return NO_CODE;
            }
            Short existing = index.get(kind).get(code);
            if (existing != null) {
                return existing;
            }
            if (dictionaries.get(kind).size() == Short.MAX_VALUE) {
                throw new IllegalArgumentException(AssignmentKind.values()[kind] + " has too many distinct codes");
            }
            short next = (short) dictionaries.get(kind).size();
            index.get(kind).put(code, next);
            dictionaries.get(kind).add(code);
            return next;
        }

        public PreviousAssignments build() {
            built = true;
            short[][] trimmed = new short[4][];
            for (int k = 0; k < 4; k++) {
                trimmed[k] = Arrays.copyOf(codes[k], size);
            }
            List<List<String>> dicts = dictionaries.stream().map(List::copyOf).toList();
            return new PreviousAssignments(referenceDate, size, Arrays.copyOf(customerIds, size), trimmed, dicts);
        }
    }
}
