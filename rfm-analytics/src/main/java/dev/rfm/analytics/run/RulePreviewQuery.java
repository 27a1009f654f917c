package dev.rfm.analytics.run;

import dev.rfm.analytics.history.Amounts;
import dev.rfm.analytics.segment.CustomSegmentRule;
import dev.rfm.analytics.segment.CustomSegmentScheme;
import dev.rfm.analytics.segment.Range;
import dev.rfm.analytics.segment.RulePreview;
import dev.rfm.analytics.segment.SegmentDefinition;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Counts what each custom rule would take of one run's scored customers with a single aggregate query over that
 * run's rows of {@code customer_score}: one {@code CASE} with a branch per rule, in order, so the first matching rule
 * wins as in {@link CustomSegmentScheme#assign}, grouped and counted in the database. No customer row leaves the
 * database and nothing is kept between calls (decision 0009).
 *
 * <p>Each condition is the SQL twin of {@link CustomSegmentRule#matches}, with the same compiled bounds: whole-number
 * conditions compare with {@link Range#minUnits}/{@link Range#maxUnits} at scale 0, money at {@link Amounts#SCALE}
 * (exact, as the stored {@code numeric(19, 4)} is), P(alive) and predicted CLV as {@code double} (the run compares
 * them as {@code double}; an unknown value matches no condition on it, as {@code NULL} compares to nothing). Every
 * value is a bound parameter. {@code RulePreviewQueryTest} checks the twins against the Java rules on random rules.
 */
final class RulePreviewQuery {

    private final CustomSegmentScheme scheme;
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    private RulePreviewQuery(CustomSegmentScheme scheme) {
        this.scheme = scheme;
    }

    static RulePreviewQuery of(CustomSegmentScheme scheme) {
        RulePreviewQuery query = new RulePreviewQuery(scheme);
        query.build();
        return query;
    }

    String sql() {
        return sql.toString();
    }

    /** Counts run {@code runId}'s scored customers per rule (first match wins), Other last. */
    RulePreview count(Connection c, long runId) throws SQLException {
        long[] counts = new long[scheme.otherIndex() + 1];
        try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (Object value : parameters) select.setObject(p++, value);
            // the run id as a parameter, not a join: PostgreSQL then reads only that run's partition
            select.setLong(p, runId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) counts[rs.getInt(1)] = rs.getLong(2);
            }
        }
        long scored = 0;
        List<RulePreview.Entry> entries = new ArrayList<>(counts.length);
        List<SegmentDefinition> definitions = scheme.definitions();
        for (int k = 0; k < counts.length; k++) {
            scored += counts[k];
            SegmentDefinition definition = definitions.get(k);
            entries.add(new RulePreview.Entry(definition.code(), definition.nameEn(), counts[k]));
        }
        return new RulePreview(entries, scored);
    }

    private void build() {
        sql.append("select segment, count(*) from (select case");
        List<CustomSegmentRule> rules = scheme.rules();
        for (int k = 0; k < rules.size(); k++) {
            sql.append(" when ");
            int before = sql.length();
            conditions(rules.get(k));
            if (sql.length() == before) sql.append("1 = 1"); // no conditions: every scored customer
            sql.append(" then ").append(k);
        }
        if (rules.isEmpty()) sql.append(" when 1 = 0 then 0");
        sql.append(" else ")
                .append(scheme.otherIndex())
                // unscored customers (prospects) have no scores: the rules never see them
                .append(" end as segment from customer_score where run_id = ? and r_score > 0) t group by segment");
    }

    private void conditions(CustomSegmentRule rule) {
        whole("r_score", rule.recencyScore());
        whole("f_score", rule.frequencyScore());
        whole("m_score", rule.monetaryScore());
        whole("coalesce(recency_days, 0)", rule.recencyDays());
        whole("frequency", rule.frequency());
        Range monetary = rule.monetary();
        if (monetary.min() != null)
            and("monetary >= ?", BigDecimal.valueOf(monetary.minUnits(Amounts.SCALE), Amounts.SCALE));
        if (monetary.max() != null)
            and("monetary <= ?", BigDecimal.valueOf(monetary.maxUnits(Amounts.SCALE), Amounts.SCALE));
        asDouble("p_alive", rule.probabilityAlive());
        asDouble("cast(predicted_clv as double precision)", rule.predictedClv());
        in("lifecycle_stage", rule.stages());
        in("abc_class", rule.abcClasses());
    }

    private void whole(String column, Range range) {
        if (range.min() != null) and(column + " >= ?", range.minUnits(0));
        if (range.max() != null) and(column + " <= ?", range.maxUnits(0));
    }

    private void asDouble(String column, Range range) {
        if (range.min() != null) and(column + " >= ?", range.minDouble());
        if (range.max() != null) and(column + " <= ?", range.maxDouble());
    }

    private void in(String column, Collection<? extends Enum<?>> values) {
        if (values.isEmpty()) return;
        StringBuilder list = new StringBuilder(column).append(" in (");
        for (Enum<?> value : values) {
            if (list.charAt(list.length() - 1) != '(') list.append(", ");
            list.append('?');
            parameters.add(value.name());
        }
        appendCondition(list.append(')').toString());
    }

    private void and(String condition, Object value) {
        appendCondition(condition);
        parameters.add(value);
    }

    private void appendCondition(String condition) {
        if (sql.charAt(sql.length() - 1) != ' ') sql.append(" and ");
        sql.append(condition);
    }
}
