package dev.rfm.domain.source;

import java.util.List;
import java.util.Map;

/** A data source that cannot be stored as given: names every invalid field with the reason. */
public final class InvalidSourceException extends IllegalArgumentException {

    private final transient Map<String, String> problems;

    public InvalidSourceException(Map<String, String> problems) {
        super("Invalid data source: " + String.join("; ", describe(problems)));
        this.problems = Map.copyOf(problems);
    }

    /** Field name to reason, e.g. {@code watermarkColumn} → "must be a plain column name". */
    public Map<String, String> problems() {
        return problems;
    }

    private static List<String> describe(Map<String, String> problems) {
        return problems.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue())
                .toList();
    }
}
