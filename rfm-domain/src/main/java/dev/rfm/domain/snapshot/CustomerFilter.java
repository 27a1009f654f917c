package dev.rfm.domain.snapshot;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * What the Customers page narrows the current snapshot to. Every field is optional (null = no condition); ranges are
 * inclusive. A record, so equal filters are equal keys of the count cache.
 *
 * @param search a customer id (exact), or a part of a name or an e-mail address (case-insensitive)
 * @param scheme the scheme {@code segment} belongs to: {@code standard}, {@code cn8}, {@code custom}, {@code lifecycle}
 *     or {@code abc}
 * @param movedFrom the segment (of {@code scheme}) the customer was in at the previous succeeded run, or {@link
 *     #NEW_SINCE_PREVIOUS_RUN} for customers that run did not score: a cell of the migration matrix
 */
public record CustomerFilter(
        String search,
        String scheme,
        String segment,
        String stage,
        String abcClass,
        Integer rMin,
        Integer rMax,
        Integer fMin,
        Integer fMax,
        Integer mMin,
        Integer mMax,
        Double pAliveMin,
        Double pAliveMax,
        BigDecimal clvMin,
        BigDecimal clvMax,
        String movedFrom) {

    /** {@link #movedFrom} of customers the previous run did not score (the migration matrix's "new" row). */
    public static final String NEW_SINCE_PREVIOUS_RUN = "NONE";

    /** Every customer of the snapshot. */
    public static final CustomerFilter NONE = new CustomerFilter(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** Blank texts count as no condition; the scheme is lower case; a segment without a scheme means standard. */
    public CustomerFilter {
        search = blankToNull(search);
        scheme = blankToNull(scheme) == null ? null : scheme.strip().toLowerCase(Locale.ROOT);
        segment = blankToNull(segment);
        stage = blankToNull(stage);
        abcClass = blankToNull(abcClass);
        movedFrom = blankToNull(movedFrom);
        if (movedFrom != null && segment == null) {
            throw new IllegalArgumentException("A segment moved from needs the segment moved to.");
        }
        if (segment != null && scheme == null) scheme = "standard";
        if (scheme != null
                && !java.util.Set.of("standard", "cn8", "custom", "lifecycle", "abc")
                        .contains(scheme)) {
            throw new IllegalArgumentException(
                    "Unknown segment scheme '" + scheme + "': use standard, cn8, custom, lifecycle or abc.");
        }
    }

    /** The filter without a migration condition (the form's fields only). */
    public CustomerFilter(
            String search,
            String scheme,
            String segment,
            String stage,
            String abcClass,
            Integer rMin,
            Integer rMax,
            Integer fMin,
            Integer fMax,
            Integer mMin,
            Integer mMax,
            Double pAliveMin,
            Double pAliveMax,
            BigDecimal clvMin,
            BigDecimal clvMax) {
        this(
                search, scheme, segment, stage, abcClass, rMin, rMax, fMin, fMax, mMin, mMax, pAliveMin, pAliveMax,
                clvMin, clvMax, null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
