package dev.rfm.domain.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The churn warning: valuable customers of a run whose P(alive) fell below a threshold, or who moved into At Risk /
 * Can't Lose Them or into the dormant stage since the previous succeeded run (decision 0012). The read side of the
 * Churn watch page and {@code GET /api/churn-watch}.
 *
 * <p>One query joins the run's {@code customer_score} rows with the previous run's by primary key {@code (run_id,
 * customer_id)} (on PostgreSQL: two partitions) and {@code customer} by its key; nothing is loaded beyond the page.
 * Sorted by value at stake (predicted CLV, or historical CLV where the model gave none) descending unless the reader
 * chooses another column of {@link #SORTS}; the customer's key is always the last order, so pages never overlap.
 *
 * <p>Usage: {@code new ChurnWatch(dataSource).page(runId, Criteria.DEFAULT, null, false, 0, 25)}; {@link #counts}
 * for the cards and the pager (callers cache it per criteria), {@link #writeCsv} and {@link #forEach} for exports.
 */
public class ChurnWatch {

    /** Why a customer is on the watch list; a customer may have several. */
    public enum Warning {
        /** P(alive) below the threshold and lower than in the previous run (or no previous value to compare). */
        P_ALIVE_FELL,
        /** In At Risk or Can't Lose Them now, in another standard segment (or none) in the previous run. */
        MOVED_TO_AT_RISK,
        /** Dormant now, in another lifecycle stage in the previous run. */
        BECAME_DORMANT
    }

    /** The standard segments a move into counts as a warning (codes of {@code StandardSegment}). */
    public static final List<String> AT_RISK_SEGMENTS = List.of("AT_RISK", "CANT_LOSE_THEM");

    /** The lifecycle stage a move into counts as a warning. */
    public static final String DORMANT = "DORMANT";

    /**
     * What the reader watches for.
     *
     * @param threshold P(alive) below this warns, 0..1
     * @param minClv a customer is valuable with a predicted CLV at least this; null: valuable means ABC class A
     */
    public record Criteria(double threshold, BigDecimal minClv) {

        /** The page's defaults: A customers whose P(alive) fell below 0.5. */
        public static final Criteria DEFAULT = new Criteria(0.5, null);

        public Criteria {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("The P(alive) threshold must be between 0 and 1.");
            }
            if (minClv != null && minClv.signum() < 0) {
                throw new IllegalArgumentException("The minimum predicted CLV must not be negative.");
            }
        }
    }

    /** One customer on the watch list: now and in the previous run (null where that run did not score them). */
    public record Row(
            String customerId,
            String name,
            String email,
            String abcClass,
            String segment,
            String segmentBefore,
            String lifecycleStage,
            String lifecycleStageBefore,
            Double pAlive,
            Double pAliveBefore,
            BigDecimal predictedClv,
            BigDecimal historicalClv,
            Set<Warning> warnings) {

        /** Predicted CLV, or historical CLV when the model gave no prediction. */
        public BigDecimal valueAtStake() {
            return predictedClv != null ? predictedClv : historicalClv;
        }
    }

    /** How many customers are on the list, and how many carry each warning (a customer may count in several). */
    public record Counts(long total, long pAliveFell, long movedToAtRisk, long becameDormant, Long previousRunId) {

        /** Whether there was a previous run to compare with (without one, only P(alive) warns). */
        public boolean comparable() {
            return previousRunId != null;
        }
    }

    /** Sort keys the page offers, and their columns. */
    public static final Map<String, String> SORTS = Map.of(
            "valueAtStake", "coalesce(s.predicted_clv, s.historical_clv)",
            "customerId", "c.external_id",
            "name", "c.name",
            "segment", "s.segment_standard",
            "lifecycleStage", "s.lifecycle_stage",
            "pAlive", "s.p_alive",
            "pAliveBefore", "p.p_alive",
            "predictedClv", "s.predicted_clv");

    /** The columns of an exported list, the same in CSV and Excel. */
    public static final List<String> EXPORT_COLUMNS = List.of(
            "customer_id",
            "name",
            "email",
            "abc_class",
            "segment",
            "segment_before",
            "lifecycle_stage",
            "lifecycle_stage_before",
            "p_alive",
            "p_alive_before",
            "predicted_clv",
            "historical_clv",
            "value_at_stake",
            "warnings");

    private static final String COLUMNS = "c.external_id, c.name, c.email, s.abc_class, s.segment_standard,"
            + " p.segment_standard, s.lifecycle_stage, p.lifecycle_stage, s.p_alive, p.p_alive, s.predicted_clv,"
            + " s.historical_clv";

    private final DataSource dataSource;

    public ChurnWatch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the container's proxy only: one instance serves every page, and pages that are stored keep the proxy. */
    protected ChurnWatch() {
        this(null);
    }

    /** One page of the watch list. {@code sort} is a key of {@link #SORTS}; null sorts by value at stake, descending. */
    public List<Row> page(long runId, Criteria criteria, String sort, boolean ascending, long offset, int size)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Query q = query(c, runId, criteria);
            String sql = "select " + COLUMNS + ", " + q.flags + q.from + q.where + orderBy(sort, ascending) + " offset "
                    + offset + " rows fetch next " + size + " rows only";
            try (PreparedStatement ps = prepare(c, sql, q.args());
                    ResultSet rs = ps.executeQuery()) {
                List<Row> rows = new ArrayList<>(size);
                while (rs.next()) rows.add(row(rs));
                return rows;
            }
        }
    }

    /** The list's length and how many customers carry each warning: one scan. */
    public Counts counts(long runId, Criteria criteria) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Query q = query(c, runId, criteria);
            String sql = "select count(*), sum(case when " + q.fell + " then 1 else 0 end), sum(case when " + q.moved
                    + " then 1 else 0 end), sum(case when " + q.dormant + " then 1 else 0 end)" + q.scores + q.where;
            try (PreparedStatement ps = prepare(c, sql, q.args());
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), q.previous);
            }
        }
    }

    /**
     * Every customer on the list, in the page's order, as CSV, streamed with a cursor. Text cells a spreadsheet would
     * run as a formula are neutralised (see {@link Snapshots#csv}). Returns the rows written.
     */
    public long writeCsv(long runId, Criteria criteria, String sort, boolean ascending, Writer out)
            throws SQLException, IOException {
        out.write(String.join(",", EXPORT_COLUMNS) + "\n");
        try {
            return forEach(runId, criteria, sort, ascending, r -> {
                try {
                    out.write(Snapshots.csv(r.customerId()) + "," + Snapshots.csv(r.name()) + ","
                            + Snapshots.csv(r.email()) + "," + nz(r.abcClass()) + "," + Snapshots.csv(r.segment())
                            + "," + Snapshots.csv(r.segmentBefore()) + "," + nz(r.lifecycleStage()) + ","
                            + nz(r.lifecycleStageBefore()) + "," + nz(r.pAlive()) + "," + nz(r.pAliveBefore()) + ","
                            + plain(r.predictedClv()) + "," + plain(r.historicalClv()) + ","
                            + plain(r.valueAtStake()) + "," + warnings(r.warnings()) + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The warnings as one export cell: their names joined by a space, in declaration order. */
    public static String warnings(Set<Warning> warnings) {
        return String.join(" ", warnings.stream().map(Enum::name).toList());
    }

    /** Hands every customer on the list, in the page's order, to {@code row}, streamed with a cursor. */
    public long forEach(long runId, Criteria criteria, String sort, boolean ascending, Consumer<Row> row)
            throws SQLException {
        long count = 0;
        try (Connection c = dataSource.getConnection()) {
            Query q = query(c, runId, criteria);
            String sql = "select " + COLUMNS + ", " + q.flags + q.from + q.where + orderBy(sort, ascending);
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement ps = prepare(c, sql, q.args())) {
                ps.setFetchSize(5_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.accept(row(rs));
                        count++;
                    }
                }
            } finally {
                c.commit();
                c.setAutoCommit(autoCommit);
            }
        }
        return count;
    }

    /** The newest succeeded run before {@code runId}: what the moves are measured against. */
    public OptionalLong previousRun(long runId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return previous(c, runId);
        }
    }

    // ---- SQL ---------------------------------------------------------------------------------------------------

    /**
     * The query's parts. The warning conditions appear twice, as flags in the select list and in the where clause;
     * only the P(alive) one has a parameter (the threshold), so every query passes {@link #args} in the same order.
     */
    private record Query(
            String from,
            String scores,
            String where,
            String flags,
            String fell,
            String moved,
            String dormant,
            List<Object> head,
            List<Object> tail,
            double threshold,
            Long previous) {

        /** Arguments in order: the flags' threshold, the join's previous run, the where clause. */
        List<Object> args() {
            List<Object> all = new ArrayList<>();
            all.add(threshold);
            all.addAll(head);
            all.addAll(tail);
            return all;
        }
    }

    private static Query query(Connection c, long runId, Criteria criteria) throws SQLException {
        OptionalLong previous = previous(c, runId);
        // no previous run: the left join finds nothing (no run has id -1), so only P(alive) can warn
        long previousId = previous.orElse(-1);
        String fell = "(s.p_alive < ? and (p.p_alive is null or s.p_alive < p.p_alive))";
        String moved = "(s.segment_standard in ('AT_RISK', 'CANT_LOSE_THEM') and p.customer_id is not null"
                + " and (p.segment_standard is null or p.segment_standard <> s.segment_standard))";
        String dormant =
                "(s.lifecycle_stage = 'DORMANT' and p.customer_id is not null" + " and p.lifecycle_stage <> 'DORMANT')";
        String from = " from customer_score s join customer c on c.id = s.customer_id"
                + " left join customer_score p on p.run_id = ? and p.customer_id = s.customer_id";
        // counting needs no names: without the customer table the count reads the two runs' rows only
        String scores = " from customer_score s"
                + " left join customer_score p on p.run_id = ? and p.customer_id = s.customer_id";
        List<Object> tail = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where s.run_id = ?");
        tail.add(runId);
        if (criteria.minClv() == null) {
            where.append(" and s.abc_class = 'A'");
        } else {
            where.append(" and s.predicted_clv >= ?");
            tail.add(criteria.minClv());
        }
        where.append(" and (")
                .append(fell)
                .append(" or ")
                .append(moved)
                .append(" or ")
                .append(dormant)
                .append(")");
        tail.add(criteria.threshold());
        String flags = "case when " + fell + " then 1 else 0 end";
        String movedFlag = "case when " + moved + " then 1 else 0 end";
        String dormantFlag = "case when " + dormant + " then 1 else 0 end";
        return new Query(
                from,
                scores,
                where.toString(),
                flags + ", " + movedFlag + ", " + dormantFlag,
                fell,
                moved,
                dormant,
                List.of(previousId),
                tail,
                criteria.threshold(),
                previous.isPresent() ? previous.getAsLong() : null);
    }

    private static OptionalLong previous(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = prepare(
                        c, "select max(id) from scoring_run where status = 'SUCCEEDED' and id < ?", List.of(runId));
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                long id = rs.getLong(1);
                if (!rs.wasNull()) return OptionalLong.of(id);
            }
            return OptionalLong.empty();
        }
    }

    static String orderBy(String sort, boolean ascending) {
        String column = sort == null ? null : SORTS.get(sort);
        if (column == null) return " order by coalesce(s.predicted_clv, s.historical_clv) desc, s.customer_id";
        return " order by " + column + (ascending ? " asc" : " desc") + " nulls last, s.customer_id";
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
        return ps;
    }

    private static Row row(ResultSet rs) throws SQLException {
        Set<Warning> warnings = EnumSet.noneOf(Warning.class);
        if (rs.getInt(13) == 1) warnings.add(Warning.P_ALIVE_FELL);
        if (rs.getInt(14) == 1) warnings.add(Warning.MOVED_TO_AT_RISK);
        if (rs.getInt(15) == 1) warnings.add(Warning.BECAME_DORMANT);
        return new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                nullableDouble(rs, 9),
                nullableDouble(rs, 10),
                rs.getBigDecimal(11),
                rs.getBigDecimal(12),
                java.util.Collections.unmodifiableSet(warnings));
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static String nz(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
