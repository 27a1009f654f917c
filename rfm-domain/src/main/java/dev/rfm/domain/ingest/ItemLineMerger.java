package dev.rfm.domain.ingest;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Adds up adjacent item lines of an order in Java before they are staged, and notes which orders might
 * appear again later in the file, so that the merge can skip adding up item lines in the database when no
 * order does (the common case: exports list the item lines of an order together).
 *
 * <p>Lines are merged into one staged row (a run of {@link OrderLine#lineCount} lines) only when they follow
 * each other on consecutive line numbers and agree in everything but amount, quantity and date: same
 * order, customer, channel, name and e-mail, quantity given on all or none. The run then holds the summed
 * amount and quantity and the earliest date; its lines are {@code lineNo .. lineNo + lineCount - 1}. So every
 * rule that looks at single lines (the first line that gives a value, which lines name which customer) sees
 * the same through the runs, and rejections can still name every line.
 *
 * <p>Whether an order id comes back after other orders is tracked with a Bloom filter of the order ids
 * staged (fixed size, {@value #FILTER_BYTES} bytes at most): an id it does not know cannot have been staged
 * before. Ids it might know are collected (up to a limit) so the merge can check them exactly.
 */
final class ItemLineMerger implements LineStager {

    static final int FILTER_BYTES = 1 << 24;
    private static final int MIN_FILTER_BYTES = 1 << 17;
    private static final int HASHES = 4;
    /** 10^18 / 10^4: amounts are summed in units of 0.0001 while they stay below this. */
    private static final long MAX_UNITS = 900_000_000_000_000_000L;

    private final LineStager target;
    private final long[] filter;
    private final long filterMask;
    private final int maxSuspects;
    private final Set<String> suspects = new LinkedHashSet<>();
    private boolean tooManySuspects;

    /** The run being built; {@code null} before the first line. */
    private OrderLine run;

    private long runLastLine;
    /** The run's amount in units of 0.0001, or {@link Long#MIN_VALUE} when it cannot be summed here. */
    private long runUnits;

    private long runQuantity;
    private boolean runOpen;
    private long lines;
    private long runs;

    /**
     * @param target where the runs go
     * @param sizeBytes the file's size if known (sizes the filter), else {@code -1}
     * @param maxSuspects how many possibly repeated order ids to collect before giving up on exact checks
     */
    ItemLineMerger(LineStager target, long sizeBytes, int maxSuspects) {
        this.target = target;
        this.maxSuspects = maxSuspects;
        // about 16 bits per line of ~40 bytes: a power of two between 128 KB and 16 MB
        long wanted = sizeBytes < 0 ? FILTER_BYTES : Math.max(MIN_FILTER_BYTES, Math.min(FILTER_BYTES, sizeBytes / 20));
        this.filter = new long[(int) Long.highestOneBit(wanted) / 8];
        this.filterMask = filter.length * 64L - 1;
    }

    @Override
    public void add(OrderLine line) throws SQLException {
        lines++;
        if (run != null && continuesRun(line)) {
            long units = units(line.amountText);
            long quantity = line.quantity == null ? 0 : line.quantity;
            if (units != Long.MIN_VALUE
                    && Math.abs(runUnits + units) < MAX_UNITS
                    && Math.abs(runQuantity + quantity) <= Integer.MAX_VALUE) {
                run.lineCount++;
                runLastLine = line.lineNo;
                runUnits += units;
                runQuantity += quantity;
                if (line.orderedAt.isBefore(run.orderedAt)) {
                    run.orderedAt = line.orderedAt;
                    run.orderedAtText = line.orderedAtText;
                }
                return;
            }
        }
        emit();
        if (run == null) {
            run = new OrderLine();
        }
        run.lineNo = line.lineNo;
        run.lineCount = 1;
        run.customerId = line.customerId;
        run.orderId = line.orderId;
        run.orderedAt = line.orderedAt;
        run.orderedAtText = line.orderedAtText;
        run.amountText = line.amountText;
        run.quantity = line.quantity;
        run.channel = line.channel;
        run.customerName = line.customerName;
        run.customerEmail = line.customerEmail;
        runLastLine = line.lineNo;
        runUnits = units(line.amountText);
        runQuantity = line.quantity == null ? 0 : line.quantity;
        runOpen = true;
    }

    private boolean continuesRun(OrderLine line) {
        return runOpen
                && runUnits != Long.MIN_VALUE
                && line.lineNo == runLastLine + 1
                && line.orderId.equals(run.orderId)
                && line.customerId.equals(run.customerId)
                && (line.quantity == null) == (run.quantity == null)
                && Objects.equals(line.channel, run.channel)
                && Objects.equals(line.customerName, run.customerName)
                && Objects.equals(line.customerEmail, run.customerEmail);
    }

    /** Stages the open run, if any. */
    private void emit() throws SQLException {
        if (!runOpen) {
            return;
        }
        runOpen = false;
        if (run.lineCount > 1) {
            run.amountText = unitsText(runUnits);
            if (run.quantity != null) {
                run.quantity = (int) runQuantity;
            }
        }
        note(run.orderId);
        runs++;
        target.add(run);
    }

    /** Records an order id staged; collects it when the filter might have seen it before. */
    private void note(String orderId) {
        long hash = hash(orderId);
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32) | 1;
        boolean known = true;
        for (int i = 0; i < HASHES; i++) {
            long bit = (h1 + (long) i * h2) & filterMask;
            int word = (int) (bit >>> 6);
            long mask = 1L << bit;
            if ((filter[word] & mask) == 0) {
                known = false;
                filter[word] |= mask;
            }
        }
        if (known && !tooManySuspects) {
            suspects.add(orderId);
            if (suspects.size() > maxSuspects) {
                tooManySuspects = true;
                suspects.clear();
            }
        }
    }

    private static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = value.length(); i < n; i++) {
            h = (h ^ value.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /**
     * A checked amount ({@code [+-]digits[.digits]}, at most 4 decimals) in units of 0.0001; {@link
     * Long#MIN_VALUE} when it has too many digits to sum safely here.
     */
    static long units(String text) {
        int i = 0;
        int n = text.length();
        boolean negative = false;
        char first = text.charAt(0);
        if (first == '+' || first == '-') {
            negative = first == '-';
            i++;
        }
        long value = 0;
        int digits = 0;
        int decimals = -1;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (decimals >= 0) {
                    return Long.MIN_VALUE;
                }
                decimals = 0;
            } else if (c >= '0' && c <= '9') {
                if (++digits > 18 || decimals >= 4) {
                    return Long.MIN_VALUE;
                }
                value = value * 10 + (c - '0');
                if (decimals >= 0) {
                    decimals++;
                }
            } else {
                return Long.MIN_VALUE;
            }
        }
        if (digits + 4 - Math.max(decimals, 0) > 18) {
            return Long.MIN_VALUE;
        }
        for (int d = Math.max(decimals, 0); d < 4; d++) {
            value *= 10;
        }
        return negative ? -value : value;
    }

    static String unitsText(long units) {
        long abs = Math.abs(units);
        StringBuilder text = new StringBuilder(24);
        if (units < 0) {
            text.append('-');
        }
        text.append(abs / 10_000).append('.');
        String fraction = Long.toString(abs % 10_000);
        text.append("0000", 0, 4 - fraction.length()).append(fraction);
        return text.toString();
    }

    /**
     * Order ids that might have been staged more than once (each was staged at least once), or {@code null}
     * when there were too many to collect: then any order may repeat.
     */
    Set<String> possiblyRepeatedOrders() {
        return tooManySuspects ? null : suspects;
    }

    /** The rows staged (runs of item lines). */
    long runs() {
        return runs;
    }

    @Override
    public void pause() throws SQLException {
        target.pause();
    }

    @Override
    public long finish() throws SQLException {
        emit();
        target.finish();
        return lines;
    }

    @Override
    public void abort() {
        target.abort();
    }
}
