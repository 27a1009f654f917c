package dev.rfm.analytics.clv;

/**
 * A deterministic sample of customers by a hash of their id: the same customers every run, in any
 * input order, about {@code target} of {@code eligible}. The hash is the 64-bit finaliser of
 * SplittableRandom/MurmurHash3 ("mix64"), which spreads consecutive ids uniformly.
 */
final class Sample {

    private static final Sample ALL = new Sample(Long.MAX_VALUE);

    /** Customers whose hash (53 bits) is below this are in the sample. */
    private final long threshold;

    private Sample(long threshold) {
        this.threshold = threshold;
    }

    static Sample of(long target, long eligible) {
        if (eligible <= target) {
            return ALL;
        }
        return new Sample((long) ((double) target / eligible * (1L << 53)));
    }

    boolean includes(long customerId) {
        return this == ALL || (mix64(customerId) >>> 11) < threshold;
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
