package dev.rfm.domain.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a data source is, as its ADMIN gives it (the password travels apart: it is write-only and stored encrypted).
 *
 * <p>The query is one {@code SELECT} (or {@code WITH ... SELECT}) returning the import columns by name: {@code
 * customer_id}, {@code order_id}, {@code order_date}, {@code amount}, optional {@code quantity}, {@code channel},
 * {@code customer_name}, {@code customer_email}, and the watermark column. A pull wraps it as {@code select * from
 * (query) src where src.watermark >= ? order by src.watermark}, so the watermark column must be a plain column name
 * of its result.
 *
 * @param overlapMinutes how far before the last committed watermark a pull starts reading again, for rows that commit
 *     late in the source (its clock, long transactions): re-read rows are duplicates by order id and skipped
 */
public record SourceDefinition(
        String name,
        String jdbcUrl,
        String user,
        String query,
        String watermarkColumn,
        PullSchedule schedule,
        int overlapMinutes,
        boolean enabled) {

    /** Overlap when none is given: late commits of a few minutes are common, re-reading them is cheap. */
    public static final int DEFAULT_OVERLAP_MINUTES = 5;

    static final int MAX_OVERLAP_MINUTES = 7 * 24 * 60;
    static final int MAX_QUERY_LENGTH = 20_000;
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern SELECT = Pattern.compile("(?is)\\s*(select|with)\\b.*");

    public SourceDefinition {
        Objects.requireNonNull(schedule, "schedule");
        Map<String, String> problems = problems(name, jdbcUrl, user, query, watermarkColumn, overlapMinutes);
        if (!problems.isEmpty()) {
            throw new InvalidSourceException(problems);
        }
        query = withoutTrailingSemicolon(query);
    }

    /**
     * A definition from the fields of a form or request, checking all of them at once: {@link InvalidSourceException}
     * names every invalid field. {@code schedule} {@code null} is blank (by hand only); {@code overlapMinutes} {@code
     * null} is {@link #DEFAULT_OVERLAP_MINUTES}.
     *
     * @param allowedUrlPrefixes the JDBC URL prefixes the server accepts ({@code RFM_SOURCE_URL_PREFIXES})
     * @param allowedUrls whole URLs the server accepts besides, exactly as written (the demo shop's H2 database, whose
     *     URL prefix must not be allowed: another H2 URL could create a database or run a script)
     */
    public static SourceDefinition of(
            String name,
            String jdbcUrl,
            String user,
            String query,
            String watermarkColumn,
            String schedule,
            Integer overlapMinutes,
            boolean enabled,
            List<String> allowedUrlPrefixes,
            List<String> allowedUrls) {
        int overlap = overlapMinutes == null ? DEFAULT_OVERLAP_MINUTES : overlapMinutes;
        Map<String, String> problems = problems(name, jdbcUrl, user, query, watermarkColumn, overlap);
        if (jdbcUrl != null
                && !problems.containsKey("jdbcUrl")
                && !allowed(jdbcUrl, allowedUrlPrefixes)
                && !allowedUrls.contains(jdbcUrl.strip())) {
            problems.put(
                    "jdbcUrl",
                    "must start with one of " + allowedUrlPrefixes + " (RFM_SOURCE_URL_PREFIXES)"
                            + (allowedUrls.isEmpty() ? "" : " or be " + String.join(" or ", allowedUrls)));
        }
        PullSchedule parsed = null;
        try {
            parsed = new PullSchedule(schedule);
        } catch (IllegalArgumentException e) {
            problems.put("schedule", e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new InvalidSourceException(problems);
        }
        return new SourceDefinition(
                name.strip(), jdbcUrl.strip(), blankToNull(user), query, watermarkColumn, parsed, overlap, enabled);
    }

    private static Map<String, String> problems(
            String name, String jdbcUrl, String user, String query, String watermarkColumn, int overlapMinutes) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (name == null || name.isBlank()) {
            problems.put("name", "is required");
        } else if (name.strip().length() > 100) {
            problems.put("name", "must be at most 100 characters");
        }
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            problems.put("jdbcUrl", "is required");
        } else if (!jdbcUrl.strip().toLowerCase(Locale.ROOT).startsWith("jdbc:") || jdbcUrl.length() > 1000) {
            problems.put("jdbcUrl", "must be a JDBC URL (jdbc:...) of at most 1000 characters");
        }
        if (user != null && user.length() > 200) {
            problems.put("user", "must be at most 200 characters");
        }
        if (query == null || query.isBlank()) {
            problems.put("query", "is required");
        } else if (query.length() > MAX_QUERY_LENGTH) {
            problems.put("query", "must be at most " + MAX_QUERY_LENGTH + " characters");
        } else if (!SELECT.matcher(query).matches()) {
            problems.put("query", "must be one SELECT (or WITH ... SELECT) statement");
        } else if (withoutTrailingSemicolon(query).contains(";")) {
            problems.put("query", "must be one statement: no ';' inside");
        }
        if (watermarkColumn == null || !COLUMN.matcher(watermarkColumn).matches()) {
            problems.put("watermarkColumn", "must be a plain column name of the query (letters, digits, _)");
        }
        if (overlapMinutes < 0 || overlapMinutes > MAX_OVERLAP_MINUTES) {
            problems.put("overlapMinutes", "must be from 0 to " + MAX_OVERLAP_MINUTES + " (a week)");
        }
        return problems;
    }

    private static boolean allowed(String jdbcUrl, List<String> prefixes) {
        String url = jdbcUrl.strip().toLowerCase(Locale.ROOT);
        return prefixes.stream().anyMatch(p -> url.startsWith(p.strip().toLowerCase(Locale.ROOT)));
    }

    private static String withoutTrailingSemicolon(String query) {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        return q;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
