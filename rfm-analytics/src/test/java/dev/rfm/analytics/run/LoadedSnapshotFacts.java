package dev.rfm.analytics.run;

import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.segment.CustomerFacts;
import dev.rfm.analytics.value.AbcClass;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;

/**
 * A run's stored customers loaded whole into primitive columns: how the rule preview worked before decision 0009
 * (every call loaded the current snapshot and matched the Java rules). Kept as the tests' oracle for {@link
 * RulePreviewQuery} and as the "before" of its benchmark.
 */
final class LoadedSnapshotFacts implements CustomerFacts {

    static LoadedSnapshotFacts load(DataSource dataSource, long runId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement("select s.r_score, s.f_score, s.m_score,"
                    + " s.recency_days, s.frequency, s.monetary, s.lifecycle_stage, s.p_alive, s.predicted_clv,"
                    + " s.abc_class from customer_score s where s.run_id = ?")) {
                select.setFetchSize(20_000);
                select.setLong(1, runId);
                try (ResultSet rs = select.executeQuery()) {
                    LoadedSnapshotFacts facts = new LoadedSnapshotFacts();
                    while (rs.next()) facts.add(rs);
                    return facts;
                }
            } finally {
                c.rollback();
            }
        }
    }

    private int size;
    private byte[] r = new byte[1024], f = new byte[1024], m = new byte[1024], stage = new byte[1024];
    private byte[] abc = new byte[1024];
    private int[] recency = new int[1024], frequency = new int[1024];
    private long[] monetary = new long[1024];
    private double[] pAlive = new double[1024], clv = new double[1024];

    void add(ResultSet rs) throws SQLException {
        if (size == r.length) grow();
        r[size] = (byte) rs.getInt(1);
        f[size] = (byte) rs.getInt(2);
        m[size] = (byte) rs.getInt(3);
        recency[size] = rs.getInt(4);
        frequency[size] = rs.getInt(5);
        monetary[size] = OrderReader.tenThousandths(rs.getBigDecimal(6));
        stage[size] = (byte) LifecycleStage.valueOf(rs.getString(7)).ordinal();
        double p = rs.getDouble(8);
        pAlive[size] = rs.wasNull() ? Double.NaN : p;
        BigDecimal value = rs.getBigDecimal(9);
        clv[size] = value == null ? Double.NaN : value.doubleValue();
        String abcClass = rs.getString(10);
        abc[size] = (byte) (abcClass == null ? -1 : AbcClass.valueOf(abcClass).ordinal());
        size++;
    }

    private void grow() {
        int n = size * 2;
        r = Arrays.copyOf(r, n);
        f = Arrays.copyOf(f, n);
        m = Arrays.copyOf(m, n);
        stage = Arrays.copyOf(stage, n);
        abc = Arrays.copyOf(abc, n);
        recency = Arrays.copyOf(recency, n);
        frequency = Arrays.copyOf(frequency, n);
        monetary = Arrays.copyOf(monetary, n);
        pAlive = Arrays.copyOf(pAlive, n);
        clv = Arrays.copyOf(clv, n);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean scored(int i) {
        return r[i] > 0;
    }

    @Override
    public int recencyScore(int i) {
        return r[i];
    }

    @Override
    public int frequencyScore(int i) {
        return f[i];
    }

    @Override
    public int monetaryScore(int i) {
        return m[i];
    }

    @Override
    public int recencyDays(int i) {
        return recency[i];
    }

    @Override
    public int frequency(int i) {
        return frequency[i];
    }

    @Override
    public long monetaryTenThousandths(int i) {
        return monetary[i];
    }

    @Override
    public LifecycleStage stage(int i) {
        return LifecycleStage.values()[stage[i]];
    }

    @Override
    public double probabilityAlive(int i) {
        return pAlive[i];
    }

    @Override
    public double predictedClv(int i) {
        return clv[i];
    }

    @Override
    public AbcClass abcClass(int i) {
        return abc[i] < 0 ? null : AbcClass.values()[abc[i]];
    }
}
