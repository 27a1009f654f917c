package dev.rfm.analytics.run;

import dev.rfm.analytics.clv.BgNbdParameters;
import dev.rfm.analytics.clv.GammaGammaParameters;
import dev.rfm.analytics.clv.ModelFit;
import dev.rfm.analytics.computation.ScoringOutcome;
import dev.rfm.analytics.computation.SummaryRow;
import dev.rfm.analytics.history.Amounts;
import dev.rfm.analytics.migration.AssignmentKind;
import dev.rfm.analytics.migration.MigrationMatrix;
import dev.rfm.analytics.scoring.Dimension;
import dev.rfm.analytics.segment.SegmentDefinition;
import dev.rfm.analytics.segment.SegmentScheme;
import dev.rfm.domain.database.BulkInsert;
import dev.rfm.domain.database.NamedLock;
import dev.rfm.domain.database.TypedBulkInsert;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Writes a run's snapshot and makes it current, all in the caller's one transaction: per-customer rows, summaries,
 * migrations, the run record, the {@code current_snapshot} switch and the release of the guard. Until that
 * transaction commits nobody sees any of it; if it fails nothing of it remains.
 */
final class SnapshotWriter {

    private static final String[] SCORE_COLUMNS = {
        "run_id",
        "customer_id",
        "recency_days",
        "frequency",
        "monetary",
        "r_score",
        "f_score",
        "m_score",
        "rfm_code",
        "segment_standard",
        "segment_cn8",
        "segment_custom",
        "lifecycle_stage",
        "abc_class",
        "p_alive",
        "expected_purchases_30d",
        "expected_purchases_90d",
        "expected_purchases_365d",
        "expected_avg_order_value",
        "predicted_clv",
        "historical_clv"
    };

    interface Progress {
        void customers(long written, long total) throws SQLException;
    }

    void write(Connection c, long runId, ScoringOutcome outcome, Supplier<String> timings, Progress progress)
            throws SQLException {
        writeCustomers(c, runId, outcome, progress);
        for (SegmentScheme scheme : SegmentScheme.values()) {
            writeSummary(c, runId, scheme.label(), outcome.segmentSummary(scheme));
        }
        writeSummary(c, runId, "lifecycle", outcome.stageSummary());
        writeSummary(c, runId, "abc", outcome.abcSummary());
        writeMigrations(c, runId, outcome.migrations());
        finishRun(c, runId, outcome, timings.get()); // after the bulk writes, so their time is included
        try (PreparedStatement current = c.prepareStatement("update current_snapshot set run_id = ? where id = 1")) {
            current.setLong(1, runId);
            current.executeUpdate();
        }
        new NamedLock(NamedLock.SCORING_RUN).release(c, Long.toString(runId));
    }

    private static void writeCustomers(Connection c, long runId, ScoringOutcome o, Progress progress)
            throws SQLException {
        boolean models = !o.modelPartFailed();
        CustomerScoreTable scores = CustomerScoreTable.on(c);
        String table = scores.create(c, runId);
        try (TypedBulkInsert rows = TypedBulkInsert.into(c, table, scores.fresh(), SCORE_COLUMNS)) {
            int n = o.size();
            for (int i = 0; i < n; i++) {
                boolean scored = o.scored(i);
                rows.int8(runId).int8(o.customerId(i));
                if (o.frequency(i) > 0 || scored) rows.int4(o.recencyDays(i));
                else rows.nullValue(Types.INTEGER);
                rows.int4(o.frequency(i)).decimal4(o.monetaryTenThousandths(i));
                if (scored) {
                    rows.int2((short) o.recencyScore(i))
                            .int2((short) o.frequencyScore(i))
                            .int2((short) o.monetaryScore(i))
                            .text(String.valueOf(o.code(i)))
                            .text(o.standardSegment(i).definition().code())
                            .text(o.cn8Segment(i).definition().code());
                } else {
                    for (int k = 0; k < 3; k++) rows.nullValue(Types.SMALLINT);
                    for (int k = 0; k < 3; k++) rows.nullValue(Types.VARCHAR);
                }
                rows.text(o.customSegment(i) == null ? null : o.customSegment(i).code())
                        .text(o.stage(i).name())
                        .text(o.abcClass(i) == null ? null : o.abcClass(i).name());
                prediction(rows, models, o.probabilityAlive(i));
                prediction(rows, models, o.expectedPurchases(i, 30));
                prediction(rows, models, o.expectedPurchases(i, 90));
                prediction(rows, models, o.expectedPurchases(i, 365));
                money(rows, models, o.expectedAverageOrderValue(i));
                money(rows, models, o.predictedClv(i));
                rows.decimal4(o.historicalClvTenThousandths(i)).endRow();
                if ((i & 0x3FFF) == 0) progress.customers(i, n);
            }
            rows.finish();
        }
        scores.attach(c, runId);
        progress.customers(o.size(), o.size());
    }

    /** A model's prediction; NULL without models or when not finite. */
    private static void prediction(TypedBulkInsert rows, boolean models, double value) throws SQLException {
        if (models && Double.isFinite(value)) rows.float8(value);
        else rows.nullValue(Types.DOUBLE);
    }

    /** A model's currency value rounded half up to four decimals; NULL without models or when not finite. */
    private static void money(TypedBulkInsert rows, boolean models, double value) throws SQLException {
        if (models && Double.isFinite(value)) {
            rows.decimal4(Amounts.roundToTenThousandths(value));
        } else {
            rows.nullValue(Types.NUMERIC);
        }
    }

    private static void writeSummary(Connection c, long runId, String scheme, List<SummaryRow> rows)
            throws SQLException {
        try (BulkInsert insert = BulkInsert.into(
                c,
                "segment_summary",
                "run_id",
                "scheme",
                "code",
                "position",
                "name_en",
                "name_zh",
                "action_en",
                "action_zh",
                "customers",
                "share",
                "revenue",
                "revenue_share",
                "avg_recency_days",
                "avg_frequency",
                "avg_monetary",
                "avg_predicted_clv")) {
            int position = 0;
            for (SummaryRow row : rows) {
                SegmentDefinition d = row.definition();
                insert.row(
                        runId,
                        scheme,
                        d.code(),
                        position++,
                        d.nameEn(),
                        d.nameZh(),
                        d.actionEn(),
                        d.actionZh(),
                        row.customers(),
                        row.share(),
                        row.revenue(),
                        row.revenueShare(),
                        row.avgRecencyDays(),
                        row.avgFrequency(),
                        row.avgMonetary(),
                        row.avgPredictedClv());
            }
            insert.finish();
        }
    }

    private static void writeMigrations(Connection c, long runId, Map<AssignmentKind, MigrationMatrix> migrations)
            throws SQLException {
        try (BulkInsert insert =
                BulkInsert.into(c, "segment_migration", "run_id", "scheme", "from_code", "to_code", "customers")) {
            for (var entry : migrations.entrySet()) {
                String scheme = schemeOf(entry.getKey());
                MigrationMatrix m = entry.getValue();
                for (int row = 0; row < m.from().size(); row++) {
                    for (int col = 0; col < m.to().size(); col++) {
                        long count = m.count(row, col);
                        if (count > 0) insert.row(runId, scheme, m.from().get(row), m.to().get(col), count);
                    }
                }
            }
            insert.finish();
        }
    }

    static String schemeOf(AssignmentKind kind) {
        return switch (kind) {
            case STANDARD_SEGMENT -> "standard";
            case CN8_SEGMENT -> "cn8";
            case CUSTOM_SEGMENT -> "custom";
            case LIFECYCLE_STAGE -> "lifecycle";
        };
    }

    private static void finishRun(Connection c, long runId, ScoringOutcome o, String timings) throws SQLException {
        ModelFit<BgNbdParameters> purchase = o.purchaseModel();
        ModelFit<GammaGammaParameters> spend = o.spendModel();
        BgNbdParameters bg = purchase == null ? null : purchase.parameters();
        GammaGammaParameters gg = spend == null ? null : spend.parameters();
        String modelError = o.modelPartFailed()
                ? "The CLV models could not be fitted: " + message(purchase, spend)
                        + " The RFM scores, segments and lifecycle stages were published."
                : null;
        String cutPoints = java.util.Arrays.stream(Dimension.values())
                .map(d ->
                        d.name().toLowerCase(Locale.ROOT) + "=" + o.cutPoints(d).method() + ":"
                                + o.cutPoints(d).upperBoundsAsDecimals().stream()
                                        .map(BigDecimal::toPlainString)
                                        .collect(Collectors.joining(",")))
                .collect(Collectors.joining("; "));
        var t = o.lifecycleThresholds();
        String thresholds = "new=" + t.newWindowDays() + "d; dormant=" + t.dormantDays() + "d; lost=" + t.lostDays()
                + "d; source=" + t.source();
        try (PreparedStatement update = c.prepareStatement("update scoring_run set status = 'SUCCEEDED',"
                + " phase = 'done', progress = 1, finished_at = ?, heartbeat_at = ?, customers_scored = ?,"
                + " prospects = ?, model_status = ?, error_message = ?, cut_points = ?, lifecycle_thresholds = ?,"
                + " model_time_unit = ?, bgnbd_r = ?, bgnbd_alpha = ?, bgnbd_a = ?, bgnbd_b = ?,"
                + " bgnbd_log_likelihood = ?, bgnbd_customers = ?, bgnbd_iterations = ?, bgnbd_converged = ?,"
                + " gg_p = ?, gg_q = ?, gg_gamma = ?, gg_customers = ?, gg_iterations = ?, gg_converged = ?,"
                + " phase_timings = ? where id = ? and status = 'RUNNING'")) {
            LocalDateTime now = LocalDateTime.now();
            int i = 1;
            update.setTimestamp(i++, Timestamp.valueOf(now));
            update.setTimestamp(i++, Timestamp.valueOf(now));
            update.setLong(i++, o.scoredCustomers());
            update.setLong(i++, prospects(o));
            update.setString(i++, o.modelPartFailed() ? "FAILED" : "FITTED");
            update.setString(i++, modelError);
            update.setString(i++, cutPoints);
            update.setString(i++, thresholds);
            update.setString(i++, o.profile().modelTimeUnit().name().toLowerCase(Locale.ROOT));
            setDouble(update, i++, bg == null ? null : bg.r());
            setDouble(update, i++, bg == null ? null : bg.alpha());
            setDouble(update, i++, bg == null ? null : bg.a());
            setDouble(update, i++, bg == null ? null : bg.b());
            setDouble(update, i++, purchase == null ? null : purchase.logLikelihood());
            update.setObject(i++, purchase == null ? null : purchase.customers(), Types.BIGINT);
            update.setObject(i++, purchase == null ? null : purchase.iterations(), Types.INTEGER);
            update.setObject(i++, purchase == null ? null : purchase.converged(), Types.BOOLEAN);
            setDouble(update, i++, gg == null ? null : gg.p());
            setDouble(update, i++, gg == null ? null : gg.q());
            setDouble(update, i++, gg == null ? null : gg.gamma());
            update.setObject(i++, spend == null ? null : spend.customers(), Types.BIGINT);
            update.setObject(i++, spend == null ? null : spend.iterations(), Types.INTEGER);
            update.setObject(i++, spend == null ? null : spend.converged(), Types.BOOLEAN);
            update.setString(i++, timings);
            update.setLong(i, runId);
            if (update.executeUpdate() != 1) {
                // another server found this run's server silent for too long and declared the run dead
                throw new IllegalStateException("the run was declared dead while it worked, because its server"
                        + " missed its heartbeats; it publishes nothing");
            }
        }
    }

    private static long prospects(ScoringOutcome o) {
        long prospects = 0;
        for (int i = 0; i < o.size(); i++) {
            if (o.stage(i) == dev.rfm.analytics.lifecycle.LifecycleStage.PROSPECT) prospects++;
        }
        return prospects;
    }

    private static String message(ModelFit<?> purchase, ModelFit<?> spend) {
        StringBuilder text = new StringBuilder();
        if (purchase != null && !purchase.converged())
            text.append("BG/NBD: ").append(purchase.message()).append(". ");
        if (spend != null && !spend.converged())
            text.append("Gamma-Gamma: ").append(spend.message()).append(".");
        return text.toString().trim();
    }

    private static void setDouble(PreparedStatement ps, int i, Double value) throws SQLException {
        if (value == null || !Double.isFinite(value)) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, value);
        }
    }
}
