package dev.rfm.analytics.campaign;

import java.nio.charset.StandardCharsets;

/**
 * Which customers of a campaign's target are held out as the control group: decided per customer from the seed and
 * the customer's id alone, so the same seed and target always give the same split, whatever order the customers
 * come in, on whichever database.
 *
 * <p>The customer id's UTF-8 bytes are hashed with 64-bit FNV-1a, combined with the seed and mixed by the SplitMix64
 * finaliser (Steele, Lea &amp; Flood 2014, the mixer of {@code java.util.SplittableRandom}); the top 53 bits make a
 * number u uniform on [0, 1), and the customer is in the control group when u &lt; share. Each customer is thus an
 * independent Bernoulli(share) draw, and the realised control share is within sampling error of the asked one
 * ({@code ControlGroupSplitTest}).
 *
 * <p>Usage: {@code ControlGroupSplit.of(seed, 0.1).isControl("C-1001")}.
 */
public final class ControlGroupSplit {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final long seed;
    private final double share;

    private ControlGroupSplit(long seed, double share) {
        this.seed = seed;
        this.share = share;
    }

    /** A split that holds out {@code share} (0 &lt; share &lt; 1) of the target. */
    public static ControlGroupSplit of(long seed, double share) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("controlShare must be greater than 0 and less than 1, was " + share);
        }
        return new ControlGroupSplit(seed, share);
    }

    /** Whether the customer with this external id is in the control group. */
    public boolean isControl(String customerId) {
        return uniform(customerId) < share;
    }

    /** The customer's draw, uniform on [0, 1). */
    double uniform(String customerId) {
        long h = FNV_OFFSET;
        for (byte b : customerId.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        long mixed = mix64(h ^ mix64(seed + GOLDEN_GAMMA));
        return (mixed >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser (Stafford's variant 13): every input bit reaches every output bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
