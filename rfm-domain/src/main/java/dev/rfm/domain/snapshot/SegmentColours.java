package dev.rfm.domain.snapshot;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One colour per segment, the same on every page, chart and report, so that a marketer recognises "At Risk" by its
 * colour anywhere. Good segments are greens, new ones blues, warnings oranges, losses reds and greys; the two
 * Chinese schemes (cn8, lifecycle, ABC) follow the same meaning. Custom segments take a colour from a palette by their
 * code (stable when rules are reordered); "Other" is grey.
 *
 * <p>Usage: {@code SegmentColours.of("standard", "AT_RISK")} → {@code "#d6604d"}.
 */
public final class SegmentColours {

    private static final Map<String, String> STANDARD = Map.ofEntries(
            Map.entry("CHAMPIONS", "#1b7837"),
            Map.entry("LOYAL", "#5aae61"),
            Map.entry("POTENTIAL_LOYALIST", "#a6dba0"),
            Map.entry("NEW_CUSTOMERS", "#2166ac"),
            Map.entry("PROMISING", "#67a9cf"),
            Map.entry("NEED_ATTENTION", "#f1a340"),
            Map.entry("ABOUT_TO_SLEEP", "#fdb863"),
            Map.entry("AT_RISK", "#d6604d"),
            Map.entry("CANT_LOSE_THEM", "#b2182b"),
            Map.entry("HIBERNATING", "#8c96a6"),
            Map.entry("LOST", "#4d4d4d"));

    private static final Map<String, String> CN8 = Map.of(
            "IMPORTANT_VALUE", "#1b7837",
            "IMPORTANT_DEVELOP", "#2166ac",
            "IMPORTANT_KEEP", "#f1a340",
            "IMPORTANT_WINBACK", "#b2182b",
            "GENERAL_VALUE", "#5aae61",
            "GENERAL_DEVELOP", "#67a9cf",
            "GENERAL_KEEP", "#fdb863",
            "GENERAL_WINBACK", "#d6604d");

    private static final Map<String, String> LIFECYCLE = Map.of(
            "PROSPECT", "#c2a5cf",
            "NEW", "#2166ac",
            "ACTIVE", "#1b7837",
            "DORMANT", "#f1a340",
            "LOST", "#4d4d4d",
            "REACTIVATED", "#762a83");

    private static final Map<String, String> ABC = Map.of("A", "#1b7837", "B", "#f1a340", "C", "#8c96a6");

    private static final List<String> PALETTE = List.of(
            "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
            "#17becf");

    static final String OTHER = "#bab0ac";

    private SegmentColours() {}

    /** The colour of a segment of a scheme ({@code standard}, {@code cn8}, {@code custom}, {@code lifecycle}, {@code abc}). */
    public static String of(String scheme, String code) {
        if (code == null) return OTHER;
        String known =
                switch (scheme == null ? "standard" : scheme.toLowerCase(Locale.ROOT)) {
                    case "standard" -> STANDARD.get(code);
                    case "cn8" -> CN8.get(code);
                    case "lifecycle" -> LIFECYCLE.get(code);
                    case "abc" -> ABC.get(code);
                    default -> null;
                };
        if (known != null) return known;
        if (code.equals("OTHER") || code.equals("NONE")) return OTHER;
        return PALETTE.get(Math.floorMod(code.hashCode(), PALETTE.size()));
    }
}
