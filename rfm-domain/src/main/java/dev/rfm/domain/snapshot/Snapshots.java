package dev.rfm.domain.snapshot;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads runs and their snapshots: the read side for REST, pages and reports. Plain JDBC over a handful of indexed
 * tables; nothing here loads entities.
 */
public class Snapshots {

    /** The segment schemes a customer carries, and the column that holds each. */
    public static final Set<String> SCHEMES = Set.of("standard", "cn8", "custom");

    private static final String RUN_COLUMNS = "r.id, r.status, r.phase, r.progress, r.reference_date, r.trigger_source,"
            + " r.started_by, r.profile_name, r.queued_at, r.started_at, r.finished_at, r.customers_scored,"
            + " r.prospects, r.model_status, r.error_message, r.phase_timings,"
            + " (select count(*) from current_snapshot c where c.run_id = r.id) as is_current,"
            + " r.scheduled_for, (select i.name from server_instance i where i.id = r.server_instance) as server";

    private static final int RUN_COLUMN_COUNT = 19;

    private static final String MODEL_COLUMNS = "r.id, r.model_status, r.model_time_unit, r.bgnbd_r, r.bgnbd_alpha,"
            + " r.bgnbd_a, r.bgnbd_b, r.bgnbd_log_likelihood, r.bgnbd_customers, r.bgnbd_iterations,"
            + " r.bgnbd_converged, r.gg_p, r.gg_q, r.gg_gamma, r.gg_customers, r.gg_iterations, r.gg_converged";

    private static final String CUSTOMER_COLUMNS = "s.run_id, c.external_id, c.name, c.email, s.recency_days,"
            + " s.frequency, s.monetary, s.r_score, s.f_score, s.m_score, s.rfm_code, s.segment_standard,"
            + " s.segment_cn8, s.segment_custom, s.lifecycle_stage, s.abc_class, s.p_alive,"
            + " s.expected_purchases_30d, s.expected_purchases_90d, s.expected_purchases_365d,"
            + " s.expected_avg_order_value, s.historical_clv, s.predicted_clv";

    private final DataSource dataSource;

    public Snapshots(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the container's proxy only: one instance serves every page, and pages that are stored keep the proxy. */
    protected Snapshots() {
        this(null);
    }

    public OptionalLong currentRunId() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select run_id from current_snapshot where id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                long id = rs.getLong(1);
                if (!rs.wasNull()) return OptionalLong.of(id);
            }
            return OptionalLong.empty();
        }
    }

    public Optional<RunRecord> run(long id) throws SQLException {
        List<RunRecord> runs = runs("select " + RUN_COLUMNS + " from scoring_run r where r.id = ?", id);
        return runs.stream().findFirst();
    }

    public Optional<RunRecord> currentRun() throws SQLException {
        OptionalLong id = currentRunId();
        return id.isPresent() ? run(id.getAsLong()) : Optional.empty();
    }

    /** The newest runs first. */
    public List<RunRecord> recentRuns(int limit) throws SQLException {
        return runs(
                "select " + RUN_COLUMNS + " from scoring_run r order by r.id desc fetch first " + limit + " rows only");
    }

    /** How many runs are stored (the run history's length). */
    public long runCount() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from scoring_run");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * One page of the run history, newest first, each run with the health of its model fit: what the Runs page shows.
     * One query over the primary key; runs are few (retention keeps them bounded), so offset paging is cheap.
     */
    public List<RunHistoryRow> runHistory(int offset, int limit) throws SQLException {
        String sql = "select " + RUN_COLUMNS + ", " + MODEL_COLUMNS
                + " from scoring_run r order by r.id desc offset ? rows fetch next ? rows only";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, Math.max(0, offset), Math.max(1, limit));
                ResultSet rs = ps.executeQuery()) {
            List<RunHistoryRow> rows = new ArrayList<>();
            while (rs.next()) rows.add(new RunHistoryRow(runRecord(rs), modelFit(rs, RUN_COLUMN_COUNT)));
            return rows;
        }
    }

    private List<RunRecord> runs(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            List<RunRecord> runs = new ArrayList<>();
            while (rs.next()) runs.add(runRecord(rs));
            return runs;
        }
    }

    private static RunRecord runRecord(ResultSet rs) throws SQLException {
        return new RunRecord(
                rs.getLong(1),
                RunStatus.valueOf(rs.getString(2)),
                rs.getString(3),
                rs.getDouble(4),
                rs.getDate(5).toLocalDate(),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                toLocal(rs.getTimestamp(9)),
                toLocal(rs.getTimestamp(10)),
                toLocal(rs.getTimestamp(11)),
                rs.getLong(12),
                rs.getLong(13),
                rs.getString(14),
                rs.getString(15),
                rs.getString(16),
                rs.getLong(17) > 0,
                toLocal(rs.getTimestamp(18)),
                rs.getString(19));
    }

    /** The summary rows of one scheme ({@code standard}, {@code cn8}, {@code custom}, {@code lifecycle}, {@code abc}). */
    public List<SegmentRow> segments(long runId, String scheme) throws SQLException {
        String sql = "select scheme, code, position, name_en, name_zh, action_en, action_zh, customers, share, revenue,"
                + " revenue_share, avg_recency_days, avg_frequency, avg_monetary, avg_predicted_clv"
                + " from segment_summary where run_id = ? and scheme = ? order by position";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, runId, scheme);
                ResultSet rs = ps.executeQuery()) {
            List<SegmentRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new SegmentRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getLong(8),
                        rs.getDouble(9),
                        rs.getBigDecimal(10),
                        rs.getDouble(11),
                        nullableDouble(rs, 12),
                        nullableDouble(rs, 13),
                        rs.getBigDecimal(14),
                        rs.getBigDecimal(15)));
            }
            return rows;
        }
    }

    /**
     * The average P(alive) of each segment of a scheme in a run, by code: one grouped query over the run's rows (the
     * summary table does not keep it). Segments without a fitted model average to nothing and are left out.
     */
    public java.util.Map<String, Double> averagePAlive(long runId, String scheme) throws SQLException {
        String column = groupColumn(scheme);
        String sql = "select " + column + ", avg(p_alive) from customer_score where run_id = ? and " + column
                + " is not null group by " + column;
        java.util.Map<String, Double> averages = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, runId);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Double average = nullableDouble(rs, 2);
                if (average != null) averages.put(rs.getString(1), average);
            }
        }
        return averages;
    }

    /** The newest succeeded run before the given one: what "change since the previous run" compares with. */
    public OptionalLong previousRunId(long runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        prepare(c, "select max(id) from scoring_run where status = 'SUCCEEDED' and id < ?", runId);
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                long id = rs.getLong(1);
                if (!rs.wasNull()) return OptionalLong.of(id);
            }
            return OptionalLong.empty();
        }
    }

    /** The rules the run scored with, as it stored them; empty for a run that is not known. */
    public Optional<RunRules> rules(long runId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String cutPoints;
            String lifecycleThresholds;
            try (PreparedStatement ps =
                            prepare(c, "select cut_points, lifecycle_thresholds from scoring_run where id = ?", runId);
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                cutPoints = rs.getString(1);
                lifecycleThresholds = rs.getString(2);
            }
            List<RunRules.CustomRule> custom = new ArrayList<>();
            try (PreparedStatement ps = prepare(
                            c,
                            "select code, conditions from run_custom_rule where run_id = ? order by position",
                            runId);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) custom.add(new RunRules.CustomRule(rs.getString(1), rs.getString(2)));
            }
            return Optional.of(new RunRules(cutPoints, lifecycleThresholds, custom));
        }
    }

    /** Which scheme a segment code belongs to in a run, if any. */
    public Optional<String> schemeOf(long runId, String code) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(
                        c,
                        "select scheme from segment_summary where run_id = ? and code = ?"
                                + " and scheme in ('standard', 'cn8', 'custom') order by scheme desc",
                        runId,
                        code);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    public Optional<CustomerResult> customer(long runId, String externalId) throws SQLException {
        String sql = "select " + CUSTOMER_COLUMNS + " from customer_score s join customer c on c.id = s.customer_id"
                + " where s.run_id = ? and c.external_id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, runId, externalId);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(customerResult(rs)) : Optional.empty();
        }
    }

    /** Members of a segment, best predicted value first, one page. */
    public Page<CustomerResult> members(long runId, String scheme, String code, int page, int size)
            throws SQLException {
        String column = segmentColumn(scheme);
        long total;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = prepare(
                            c,
                            "select count(*) from customer_score where run_id = ? and " + column + " = ?",
                            runId,
                            code);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            String sql = "select " + CUSTOMER_COLUMNS
                    + " from customer_score s join customer c on c.id = s.customer_id where s.run_id = ? and s."
                    + column + " = ? order by s.monetary desc, c.external_id offset " + ((long) page * size)
                    + " rows fetch next " + size + " rows only";
            List<CustomerResult> items = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, sql, runId, code);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) items.add(customerResult(rs));
            }
            return new Page<>(items, page, size, total);
        }
    }

    /** Every member of a segment as CSV, streamed. Returns the number of customers written. */
    public long writeMembersCsv(long runId, String scheme, String code, Writer out) throws SQLException, IOException {
        String sql = "select " + CUSTOMER_COLUMNS
                + " from customer_score s join customer c on c.id = s.customer_id where s.run_id = ? and s."
                + segmentColumn(scheme) + " = ? order by s.monetary desc, c.external_id";
        out.write("customer_id,name,email,recency_days,frequency,monetary,r,f,m,segment,segment_cn8,"
                + "lifecycle_stage,abc_class,p_alive,expected_purchases_90d,historical_clv,predicted_clv\n");
        long count = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement ps = prepare(c, sql, runId, code)) {
                ps.setFetchSize(5_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CustomerResult r = customerResult(rs);
                        out.write(csv(r.customerId()) + "," + csv(r.name()) + "," + csv(r.email()) + ","
                                + nz(r.recencyDays()) + "," + r.frequency() + ","
                                + r.monetary().toPlainString() + ","
                                + nz(r.r()) + "," + nz(r.f()) + "," + nz(r.m()) + "," + nz(r.segment()) + ","
                                + nz(r.segmentCn8()) + "," + r.lifecycleStage() + "," + nz(r.abcClass()) + ","
                                + nz(r.pAlive()) + "," + nz(r.expectedPurchases90d()) + ","
                                + r.historicalClv().toPlainString() + "," + plain(r.predictedClv()) + "\n");
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

    public Optional<ModelFit> model(long runId) throws SQLException {
        String sql = "select " + MODEL_COLUMNS + " from scoring_run r where r.id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, runId);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            return Optional.of(modelFit(rs, 0));
        }
    }

    /** The model fit in the columns after {@code before} others ({@link #MODEL_COLUMNS}). */
    private static ModelFit modelFit(ResultSet rs, int before) throws SQLException {
        int i = before;
        return new ModelFit(
                rs.getLong(i + 1),
                rs.getString(i + 2),
                rs.getString(i + 3),
                nullableDouble(rs, i + 4),
                nullableDouble(rs, i + 5),
                nullableDouble(rs, i + 6),
                nullableDouble(rs, i + 7),
                nullableDouble(rs, i + 8),
                nullableLong(rs, i + 9),
                nullableInt(rs, i + 10),
                nullableBoolean(rs, i + 11),
                nullableDouble(rs, i + 12),
                nullableDouble(rs, i + 13),
                nullableDouble(rs, i + 14),
                nullableLong(rs, i + 15),
                nullableInt(rs, i + 16),
                nullableBoolean(rs, i + 17));
    }

    /** The column of {@code customer_score} that holds a scheme's segment code. */
    public static String segmentColumn(String scheme) {
        return switch (scheme) {
            case "standard" -> "segment_standard";
            case "cn8" -> "segment_cn8";
            case "custom" -> "segment_custom";
            default ->
                throw new IllegalArgumentException(
                        "Unknown segment scheme '" + scheme + "': use standard, cn8 or custom.");
        };
    }

    /** The column of {@code customer_score} a summary scheme groups by: a segment scheme's, the stage or the class. */
    static String groupColumn(String scheme) {
        return switch (scheme) {
            case "lifecycle" -> "lifecycle_stage";
            case "abc" -> "abc_class";
            default -> segmentColumn(scheme);
        };
    }

    static CustomerResult customerResult(ResultSet rs) throws SQLException {
        return new CustomerResult(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                nullableInt(rs, 5),
                rs.getInt(6),
                rs.getBigDecimal(7),
                nullableInt(rs, 8),
                nullableInt(rs, 9),
                nullableInt(rs, 10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getString(15),
                rs.getString(16),
                nullableDouble(rs, 17),
                nullableDouble(rs, 18),
                nullableDouble(rs, 19),
                nullableDouble(rs, 20),
                rs.getBigDecimal(21),
                rs.getBigDecimal(22),
                rs.getBigDecimal(23));
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
        return ps;
    }

    private static java.time.LocalDateTime toLocal(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }

    private static Double nullableDouble(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static Long nullableLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static Boolean nullableBoolean(ResultSet rs, int i) throws SQLException {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : v;
    }

    private static String nz(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /**
     * A text cell of an exported CSV file. A cell that starts with {@code = + - @}, a tab or a carriage return would
     * run as a formula when the file is opened in a spreadsheet ({@code =HYPERLINK(...)} in a customer's name): it gets
     * a leading apostrophe, which spreadsheets show as text (OWASP's advice against CSV injection).
     */
    public static String csv(String value) {
        if (value == null) return "";
        String text = value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
        boolean plain =
                text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
        return plain ? text : '"' + text.replace("\"", "\"\"") + '"';
    }
}
