package dev.rfm.analytics.run;

import dev.rfm.analytics.segment.CustomRuleText;
import dev.rfm.analytics.segment.CustomSegmentRule;
import dev.rfm.analytics.segment.CustomSegmentScheme;
import dev.rfm.analytics.segment.RulePreview;
import dev.rfm.analytics.segment.SegmentDefinition;
import dev.rfm.domain.database.BulkInsert;
import dev.rfm.domain.database.Database;
import dev.rfm.domain.snapshot.Snapshots;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The users' own segment rules, in order (first match wins, the rest is "Other"): stored, validated, previewed
 * against the current snapshot before they are saved, and used by every run.
 */
@ApplicationScoped
public class CustomSegments {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    /** One rule as users write it. */
    public record RuleText(
            String code, String nameEn, String nameZh, String actionEn, String actionZh, String conditions) {

        /** How much of the conditions a description repeats: "Custom rule: " + this fits its 500 characters. */
        private static final int DESCRIBED_CONDITIONS = 480;

        /** Texts users leave out get defaults: the English name, the conditions, "no action recorded yet". */
        SegmentDefinition definition() {
            String conditionsText = conditions == null || conditions.isBlank()
                    ? "every scored customer"
                    : conditions.replaceAll("\\R", "; ");
            if (conditionsText.length() > DESCRIBED_CONDITIONS) { // conditions fit 2,000 characters, descriptions 500
                conditionsText = conditionsText.substring(0, DESCRIBED_CONDITIONS - 1) + "…";
            }
            return new SegmentDefinition(
                    code,
                    nameEn,
                    blank(nameZh) ? nameEn : nameZh,
                    "Custom rule: " + conditionsText,
                    "自定义规则：" + conditionsText,
                    blank(actionEn) ? "No action recorded yet." : actionEn,
                    blank(actionZh) ? (blank(actionEn) ? "暂无建议行动。" : actionEn) : actionZh);
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }
    }

    public List<RuleText> rules() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select code, name_en, name_zh, action_en, action_zh,"
                        + " conditions from custom_segment_rule order by position");
                ResultSet rs = select.executeQuery()) {
            List<RuleText> rules = new ArrayList<>();
            while (rs.next()) {
                rules.add(new RuleText(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)));
            }
            return rules;
        }
    }

    /** The stored rules as the scheme runs use. */
    public CustomSegmentScheme scheme() throws SQLException {
        return compile(rules());
    }

    /**
     * Validates rules, naming every problem.
     *
     * @throws IllegalArgumentException listing what is wrong, rule by rule
     */
    public static CustomSegmentScheme compile(List<RuleText> rules) {
        List<CustomSegmentRule> compiled = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleText rule = rules.get(i);
            if (rule.code() == null || !rule.code().matches("[A-Z][A-Z0-9_]{0,39}")) {
                problems.add("rule " + (i + 1) + ": code must be 1-40 capital letters, digits or _ (was '" + rule.code()
                        + "')");
                continue;
            }
            if (rule.nameEn() == null || rule.nameEn().isBlank()) {
                problems.add("rule " + (i + 1) + " (" + rule.code() + "): nameEn is required");
                continue;
            }
            String tooLong = tooLong(rule);
            if (tooLong != null) {
                problems.add("rule " + (i + 1) + " (" + rule.code() + "): " + tooLong);
                continue;
            }
            try {
                compiled.add(CustomRuleText.decode(rule.definition(), rule.conditions()));
            } catch (IllegalArgumentException e) {
                problems.add("rule " + (i + 1) + " (" + rule.code() + "): " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            try {
                return CustomSegmentScheme.of(compiled);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        throw new IllegalArgumentException(String.join("; ", problems));
    }

    /** The first text longer than its column holds, in words; null when all fit. */
    private static String tooLong(RuleText rule) {
        String[][] limits = {
            {"nameEn", rule.nameEn(), "100"},
            {"nameZh", rule.nameZh(), "100"},
            {"actionEn", rule.actionEn(), "500"},
            {"actionZh", rule.actionZh(), "500"},
            {"conditions", rule.conditions(), "2000"}
        };
        for (String[] limit : limits) {
            if (limit[1] != null && limit[1].length() > Integer.parseInt(limit[2])) {
                return limit[0] + " is " + limit[1].length() + " characters long, at most " + limit[2] + " fit";
            }
        }
        return null;
    }

    /** One entry of the audit trail: who changed the rules, when, and what changed (one change a line). */
    public record AuditEntry(LocalDateTime changedAt, String changedBy, List<String> changes) {}

    /** The longest change text the audit keeps (its column holds 4,000 characters). */
    private static final int AUDIT_TEXT = 4000;

    /**
     * Replaces all rules, in the given order, after validating them, and records in the audit trail who changed what
     * (nothing when the rules stay as they were).
     */
    public void replace(List<RuleText> rules, String user, LocalDateTime at) throws SQLException {
        compile(rules);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<String> changes = RuleChanges.describe(rules(), rules);
                if (!changes.isEmpty()) {
                    String text = String.join("\n", changes);
                    if (text.length() > AUDIT_TEXT) text = text.substring(0, AUDIT_TEXT - 1) + "…";
                    try (PreparedStatement audit = c.prepareStatement(
                            "insert into custom_rule_audit (changed_at," + " changed_by, changes) values (?, ?, ?)")) {
                        audit.setTimestamp(1, Timestamp.valueOf(at));
                        audit.setString(2, user == null ? "?" : user);
                        audit.setString(3, text);
                        audit.executeUpdate();
                    }
                }
                try (PreparedStatement delete = c.prepareStatement("delete from custom_segment_rule")) {
                    delete.executeUpdate();
                }
                try (BulkInsert insert = BulkInsert.into(
                        c,
                        "custom_segment_rule",
                        "position",
                        "code",
                        "name_en",
                        "name_zh",
                        "action_en",
                        "action_zh",
                        "conditions")) {
                    for (int i = 0; i < rules.size(); i++) {
                        RuleText r = rules.get(i);
                        // no conditions: the rule takes every scored customer (stored as an empty text)
                        String conditions = r.conditions() == null ? "" : r.conditions();
                        insert.row(i, r.code(), r.nameEn(), r.nameZh(), r.actionEn(), r.actionZh(), conditions);
                    }
                    insert.finish();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The newest entries of the audit trail first. */
    public List<AuditEntry> audit(int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("select changed_at, changed_by, changes from"
                        + " custom_rule_audit order by id desc fetch first " + limit + " rows only");
                ResultSet rs = select.executeQuery()) {
            List<AuditEntry> entries = new ArrayList<>();
            while (rs.next()) {
                entries.add(new AuditEntry(
                        rs.getTimestamp(1).toLocalDateTime(),
                        rs.getString(2),
                        List.of(rs.getString(3).split("\n"))));
            }
            return entries;
        }
    }

    /**
     * How many customers of the current snapshot each rule would take, in order; empty without a snapshot. One
     * aggregate query over the current run's rows (decision 0009): nothing is loaded into the server.
     */
    public Optional<RulePreview> preview(List<RuleText> rules) throws SQLException {
        RulePreviewQuery query = RulePreviewQuery.of(compile(rules));
        OptionalLong runId = new Snapshots(dataSource).currentRunId();
        if (runId.isEmpty()) return Optional.empty();
        // a published run never changes: the same rules over the same run count the same (the Segment rules page
        // previews the saved rules each time it opens, a scan of the whole snapshot)
        PreviewKey key = new PreviewKey(
                runId.getAsLong(),
                rules.stream().map(r -> r.code() + "\n" + r.conditions()).toList());
        synchronized (previews) {
            RulePreview known = previews.get(key);
            if (known != null) return Optional.of(known);
        }
        RulePreview counted;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                counted = query.count(c, runId.getAsLong());
            } finally {
                c.rollback();
            }
        }
        synchronized (previews) {
            previews.put(key, counted);
        }
        return Optional.of(counted);
    }

    private record PreviewKey(long runId, List<String> rules) {}

    /** The last previews counted, by run and rules (codes and conditions: names do not change a count). */
    private final Map<PreviewKey, RulePreview> previews = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PreviewKey, RulePreview> eldest) {
            return size() > 64;
        }
    };
}
