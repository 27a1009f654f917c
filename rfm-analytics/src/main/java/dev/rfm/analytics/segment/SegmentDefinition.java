package dev.rfm.analytics.segment;

import java.util.regex.Pattern;

/**
 * What a segment is and what to do about it, in English and Chinese.
 *
 * @param code stable upper-case identifier, e.g. {@code CHAMPIONS}, stored with assignments
 * @param nameEn display name in English
 * @param nameZh display name in Chinese
 * @param descriptionEn who is in it, in English
 * @param descriptionZh who is in it, in Chinese
 * @param actionEn recommended marketing action, in English
 * @param actionZh recommended marketing action, in Chinese
 */
public record SegmentDefinition(
        String code,
        String nameEn,
        String nameZh,
        String descriptionEn,
        String descriptionZh,
        String actionEn,
        String actionZh) {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    /** Validates every field. */
    public SegmentDefinition {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(
                    "code must be 1-40 characters A-Z, 0-9, _ starting with a letter, was " + code);
        }
        requireText("nameEn", nameEn, 80);
        requireText("nameZh", nameZh, 80);
        requireText("descriptionEn", descriptionEn, 500);
        requireText("descriptionZh", descriptionZh, 500);
        requireText("actionEn", actionEn, 500);
        requireText("actionZh", actionZh, 500);
    }

    private static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(
                    field + " must be at most " + maxLength + " characters, was " + value.length());
        }
    }
}
