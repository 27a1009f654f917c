package dev.rfm.domain.snapshot;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * What the Overview shows of a run, from its summary tables and at most one grouped scan of its scores. A published
 * run never changes, so the scans are remembered per run (a few numbers each).
 */
public final class RunOverview {

    /** The headline numbers of a run. {@code repeatRate} and {@code revenueShareA} are fractions, 0..1. */
    public record Kpis(
            long runId,
            long customers,
            long activeCustomers,
            BigDecimal revenue,
            double repeatRate,
            BigDecimal avgPredictedClv,
            double revenueShareA,
            long atRisk) {}

    /** One cell of the R × F grid: how many customers, and their average monetary value. */
    public record HeatCell(int r, int f, long customers, BigDecimal avgMonetary) {}

    /** How many customers moved from one segment to another since the run before. */
    public record Move(String from, String to, long customers) {}

    /** Lifecycle stages that count as active customers. */
    private static final java.util.Set<String> ACTIVE_STAGES = java.util.Set.of("NEW", "ACTIVE", "REACTIVATED");

    private static final int REMEMBERED_RUNS = 16;

    private final DataSource dataSource;
    private final Map<Long, Kpis> kpis = Collections.synchronizedMap(lru());
    private final Map<Long, List<HeatCell>> heatmaps = Collections.synchronizedMap(lru());

    public RunOverview(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static <V> Map<Long, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, V> eldest) {
                return size() > REMEMBERED_RUNS;
            }
        };
    }

    /** The succeeded run before {@code runId}, the one its changes and migrations are measured against. */
    public OptionalLong previousRun(long runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("select max(id) from scoring_run where status = 'SUCCEEDED' and id < ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(id);
            }
        }
    }

    /** The last {@code limit} succeeded runs, oldest first. */
    public List<Long> lastRuns(int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select id from scoring_run where status = 'SUCCEEDED'"
                        + " order by id desc fetch first " + Math.max(1, limit) + " rows only");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) ids.add(rs.getLong(1));
        }
        Collections.reverse(ids);
        return ids;
    }

    public Kpis kpis(long runId) throws SQLException {
        Kpis known = kpis.get(runId);
        if (known != null) return known;
        Kpis computed = computeKpis(runId);
        kpis.put(runId, computed);
        return computed;
    }

    private Kpis computeKpis(long runId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long customers = 0;
            long buyers = 0;
            long repeat = 0;
            BigDecimal avgClv = null;
            try (PreparedStatement ps = c.prepareStatement("select count(*),"
                    + " coalesce(sum(case when frequency >= 1 then 1 else 0 end), 0),"
                    + " coalesce(sum(case when frequency >= 2 then 1 else 0 end), 0), avg(predicted_clv)"
                    + " from customer_score where run_id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    customers = rs.getLong(1);
                    buyers = rs.getLong(2);
                    repeat = rs.getLong(3);
                    avgClv = rs.getBigDecimal(4);
                }
            }
            long active = 0;
            long atRisk = 0;
            BigDecimal revenue = BigDecimal.ZERO;
            double shareA = 0;
            try (PreparedStatement ps = c.prepareStatement("select scheme, code, customers, revenue, revenue_share"
                    + " from segment_summary where run_id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String scheme = rs.getString(1);
                        String code = rs.getString(2);
                        if (scheme.equals("lifecycle") && ACTIVE_STAGES.contains(code)) {
                            active += rs.getLong(3);
                        } else if (scheme.equals("standard")) {
                            revenue = revenue.add(rs.getBigDecimal(4));
                            if (code.equals("AT_RISK") || code.equals("CANT_LOSE_THEM")) atRisk += rs.getLong(3);
                        } else if (scheme.equals("abc") && code.equals("A")) {
                            shareA = rs.getDouble(5);
                        }
                    }
                }
            }
            return new Kpis(
                    runId,
                    customers,
                    active,
                    revenue,
                    buyers == 0 ? 0 : (double) repeat / buyers,
                    avgClv == null ? null : avgClv.setScale(2, java.math.RoundingMode.HALF_EVEN),
                    shareA,
                    atRisk);
        }
    }

    /** The R × F grid of a run (scored customers only), row by row. */
    public List<HeatCell> heatmap(long runId) throws SQLException {
        List<HeatCell> known = heatmaps.get(runId);
        if (known != null) return known;
        List<HeatCell> cells = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select r_score, f_score, count(*), avg(monetary)"
                        + " from customer_score where run_id = ? and r_score is not null and f_score is not null"
                        + " group by r_score, f_score order by r_score desc, f_score")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BigDecimal avg = rs.getBigDecimal(4);
                    cells.add(new HeatCell(
                            rs.getInt(1),
                            rs.getInt(2),
                            rs.getLong(3),
                            avg == null ? null : avg.setScale(2, java.math.RoundingMode.HALF_EVEN)));
                }
            }
        }
        List<HeatCell> result = List.copyOf(cells);
        heatmaps.put(runId, result);
        return result;
    }

    /** Who moved where in {@code scheme} between the run before and {@code runId}; stayers included. */
    public List<Move> migrations(long runId, String scheme) throws SQLException {
        List<Move> moves = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select from_code, to_code, customers from segment_migration"
                        + " where run_id = ? and scheme = ? order by from_code, to_code")) {
            ps.setLong(1, runId);
            ps.setString(2, scheme);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) moves.add(new Move(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return moves;
    }

    /** Segment sizes of {@code scheme} per run: run id → (code → customers). */
    public Map<Long, Map<String, Long>> segmentSizes(List<Long> runIds, String scheme) throws SQLException {
        Map<Long, Map<String, Long>> sizes = new LinkedHashMap<>();
        if (runIds.isEmpty()) return sizes;
        runIds.forEach(id -> sizes.put(id, new LinkedHashMap<>()));
        String ids = String.join(",", runIds.stream().map(String::valueOf).toList());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select run_id, code, customers from segment_summary"
                        + " where scheme = ? and run_id in (" + ids + ") order by run_id, position")) {
            ps.setString(1, scheme);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) sizes.get(rs.getLong(1)).put(rs.getString(2), rs.getLong(3));
            }
        }
        return sizes;
    }
}
