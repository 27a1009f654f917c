package dev.rfm.domain.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where each {@link Column} is in the file, read from the header row: names trimmed and compared without
 * regard to case, any order, unknown columns ignored with a warning.
 */
final class HeaderLayout {

    private final int[] positions;
    private final int fieldCount;
    private final List<String> warnings;

    private HeaderLayout(int[] positions, int fieldCount, List<String> warnings) {
        this.positions = positions;
        this.fieldCount = fieldCount;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads the header row (line 1 of the text).
     *
     * @throws ImportFailedException NOT_CSV for JSON, NO_HEADER when no required column is named,
     *     MISSING_COLUMNS or DUPLICATE_COLUMNS
     */
    static HeaderLayout of(List<String> fields, long line) throws ImportFailedException {
        String first = fields.isEmpty() ? "" : fields.get(0).strip();
        if (first.startsWith("{") || first.startsWith("[")) {
            throw new ImportFailedException(
                    ImportFailedException.Code.NOT_CSV,
                    line,
                    "Line " + line + " starts with '" + first.charAt(0)
                            + "': this looks like JSON, but the import takes CSV text with a header row ("
                            + requiredList() + ")",
                    null);
        }
        int[] positions = new int[Column.values().length];
        Arrays.fill(positions, -1);
        Map<String, Integer> unknown = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).strip().toLowerCase(Locale.ROOT);
            Column column = Column.byHeader(name);
            if (column == null) {
                unknown.putIfAbsent(name, i + 1);
            } else if (positions[column.ordinal()] >= 0) {
                duplicates.add(column.header());
            } else {
                positions[column.ordinal()] = i;
            }
        }
        List<String> missing = Arrays.stream(Column.values())
                .filter(c -> c.required() && positions[c.ordinal()] < 0)
                .map(Column::header)
                .toList();
        long requiredCount =
                Arrays.stream(Column.values()).filter(Column::required).count();
        if (missing.size() == requiredCount) {
            throw new ImportFailedException(
                    ImportFailedException.Code.NO_HEADER,
                    line,
                    "Line " + line + " is not a header row: it names none of the required columns " + requiredList()
                            + " (found: " + shorten(String.join(",", fields), 120) + ")",
                    null);
        }
        if (!missing.isEmpty()) {
            throw new ImportFailedException(
                    ImportFailedException.Code.MISSING_COLUMNS,
                    line,
                    "The header (line " + line + ") lacks the required column" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing),
                    null);
        }
        if (!duplicates.isEmpty()) {
            throw new ImportFailedException(
                    ImportFailedException.Code.DUPLICATE_COLUMNS,
                    line,
                    "The header (line " + line + ") names the column" + (duplicates.size() > 1 ? "s " : " ")
                            + String.join(", ", duplicates) + " more than once",
                    null);
        }
        List<String> warnings = new ArrayList<>();
        unknown.forEach((name, position) -> warnings.add(
                name.isEmpty()
                        ? "Column " + position + " has no name and was ignored"
                        : "Unknown column '" + shorten(name, 64) + "' was ignored"));
        return new HeaderLayout(positions, fields.size(), warnings);
    }

    private static String requiredList() {
        return Arrays.stream(Column.values())
                .filter(Column::required)
                .map(Column::header)
                .collect(Collectors.joining(", "));
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The field index of the column, or -1 when the file does not have it. */
    int position(Column column) {
        return positions[column.ordinal()];
    }

    boolean has(Column column) {
        return positions[column.ordinal()] >= 0;
    }

    /** How many fields the header has; every row should have as many. */
    int fieldCount() {
        return fieldCount;
    }

    List<String> warnings() {
        return warnings;
    }
}
