package dev.rfm.analytics.trigger;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Finds the customers who entered a trigger's segment in a run and stores them as batches, before anything is sent.
 *
 * <p>"Entered" compares the run's {@code customer_score} rows with the previous succeeded run's by primary key
 * (on PostgreSQL: two partitions): in the segment now, and in another one before (or, with {@code fromSegment},
 * in that one; without it, also customers not scored before). Without a previous run nobody entered: a first run
 * would otherwise post every customer. The rows stream with a cursor in customer-key order and are cut into
 * batches of {@code batchSize}; only one batch is in memory at a time.
 *
 * <p>A trigger for a campaign leaves out the customers of that campaign's control group ({@code campaign_member},
 * found by primary key in the same statement) and counts them as held out: the campaign's uplift compares contacted
 * customers with customers nobody contacted, so the trigger must not contact the control group (decision 0015).
 *
 * <p>The evaluation row, its batches and their bodies are inserted in one transaction; the evaluation's primary key
 * (trigger, run) makes the planning happen once across servers: the loser rolls back and does nothing.
 */
public class BatchPlanner {

    private static final String UNIQUE_VIOLATION = "23505"; // H2 and PostgreSQL alike

    private final DataSource dataSource;
    private final int batchSize;

    public BatchPlanner(DataSource dataSource, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1");
        this.dataSource = dataSource;
        this.batchSize = batchSize;
    }

    /**
     * What one planning stored: how many customers entered and were sent, in how many batches, and how many entered
     * but were held out as the trigger's campaign's control group.
     */
    public record Plan(long triggerId, long runId, Long previousRunId, long customers, int batches, long heldOut) {}

    /** Whether the trigger's batches for the run are planned already (by this server or another). */
    public boolean planned(long triggerId, long runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "select count(*) from trigger_evaluation where trigger_id = ? and run_id = ?")) {
            select.setLong(1, triggerId);
            select.setLong(2, runId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** Plans the trigger's batches for a run; empty when they were planned already. */
    public java.util.Optional<Plan> plan(SegmentTrigger trigger, long runId, LocalDateTime now) throws SQLException {
        if (planned(trigger.id(), runId)) return java.util.Optional.empty();
        try (Connection read = dataSource.getConnection();
                Connection write = dataSource.getConnection()) {
            OptionalLong previous = previousRun(read, runId);
            write.setAutoCommit(false);
            try {
                Batches out = new Batches(write, trigger.id(), runId, now);
                if (previous.isPresent()) {
                    stream(read, trigger.settings(), runId, previous.getAsLong(), out);
                    out.flush();
                }
                insertEvaluation(write, trigger.id(), runId, previous, out, now);
                write.commit();
                return java.util.Optional.of(new Plan(
                        trigger.id(),
                        runId,
                        previous.isPresent() ? previous.getAsLong() : null,
                        out.sent,
                        out.batches,
                        out.heldOut));
            } catch (SQLException e) {
                write.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) return java.util.Optional.empty();
                throw e;
            }
        }
    }

    /** The newest succeeded run before {@code runId}. */
    static OptionalLong previousRun(Connection c, long runId) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("select max(id) from scoring_run where status = 'SUCCEEDED' and id < ?")) {
            select.setLong(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(id);
            }
        }
    }

    private void stream(Connection read, TriggerSettings s, long runId, long previousRunId, Batches out)
            throws SQLException {
        String col = s.column();
        boolean campaign = s.campaignId() != null;
        // column 10 is not null for a customer in the control group of the trigger's campaign (a primary-key lookup;
        // without a campaign the statement is the same as it always was)
        String sql = "select c.external_id, c.email, p." + col + ", s." + col + ", s.r_score, s.f_score,"
                + " s.m_score, s.p_alive, s.predicted_clv, " + (campaign ? "m.customer_id" : "null")
                + " from customer_score s join customer c on c.id = s.customer_id"
                + " left join customer_score p on p.run_id = ? and p.customer_id = s.customer_id"
                + (campaign
                        ? " left join campaign_member m on m.campaign_id = " + s.campaignId()
                                + " and m.customer_id = s.customer_id and m.in_control = true"
                        : "")
                + " where s.run_id = ? and s." + col + " = ?"
                + (s.fromSegment() == null
                        ? " and (p." + col + " is null or p." + col + " <> ?)"
                        : " and p." + col + " = ?")
                + " order by s.customer_id";
        boolean autoCommit = read.getAutoCommit();
        read.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
        try (PreparedStatement select = read.prepareStatement(sql)) {
            select.setFetchSize(batchSize);
            select.setLong(1, previousRunId);
            select.setLong(2, runId);
            select.setString(3, s.toSegment());
            select.setString(4, s.fromSegment() == null ? s.toSegment() : s.fromSegment());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(10);
                    if (rs.wasNull()) out.add(customer(rs));
                    else out.heldOut++;
                }
            }
        } finally {
            read.commit();
            read.setAutoCommit(autoCommit);
        }
    }

    /** One customer of the body, in the contract's field order. */
    private static JsonObjectBuilder customer(ResultSet rs) throws SQLException {
        JsonObjectBuilder o = Json.createObjectBuilder().add("customerId", rs.getString(1));
        text(o, "email", rs.getString(2));
        text(o, "fromSegment", rs.getString(3));
        text(o, "toSegment", rs.getString(4));
        score(o, "r", rs, 5);
        score(o, "f", rs, 6);
        score(o, "m", rs, 7);
        double p = rs.getDouble(8);
        if (rs.wasNull()) o.addNull("pAlive");
        else o.add("pAlive", p);
        BigDecimal clv = rs.getBigDecimal(9);
        if (clv == null) o.addNull("predictedClv");
        else o.add("predictedClv", clv);
        return o;
    }

    private static void text(JsonObjectBuilder o, String name, String value) {
        if (value == null) o.addNull(name);
        else o.add(name, value);
    }

    private static void score(JsonObjectBuilder o, String name, ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        if (rs.wasNull()) o.addNull(name);
        else o.add(name, v);
    }

    private static void insertEvaluation(
            Connection c, long triggerId, long runId, OptionalLong previous, Batches out, LocalDateTime now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into trigger_evaluation (trigger_id, run_id,"
                + " previous_run_id, customers, batches, evaluated_at, held_out) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, triggerId);
            insert.setLong(2, runId);
            if (previous.isPresent()) insert.setLong(3, previous.getAsLong());
            else insert.setNull(3, java.sql.Types.BIGINT);
            insert.setLong(4, out.sent);
            insert.setInt(5, out.batches);
            insert.setTimestamp(6, Timestamp.valueOf(now));
            insert.setLong(7, out.heldOut);
            insert.executeUpdate();
        }
    }

    /** Collects customers into a batch and inserts it when full; counts what was sent and what was held out. */
    private final class Batches {
        private final PreparedStatement insert;
        private final long triggerId;
        private final long runId;
        private JsonArrayBuilder customers = Json.createArrayBuilder();
        private int inBatch;
        private int batches;
        private long sent;
        private long heldOut;

        Batches(Connection c, long triggerId, long runId, LocalDateTime now) throws SQLException {
            this.triggerId = triggerId;
            this.runId = runId;
            this.insert = c.prepareStatement("insert into trigger_delivery (trigger_id, run_id, batch,"
                    + " idempotency_key, customers, body, status, retry_since, created_at)"
                    + " values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)");
            insert.setTimestamp(7, Timestamp.valueOf(now));
            insert.setTimestamp(8, Timestamp.valueOf(now));
        }

        void add(JsonObjectBuilder customer) throws SQLException {
            customers.add(customer);
            sent++;
            if (++inBatch == batchSize) flush();
        }

        /** Inserts the batch collected so far, if any; returns the number of batches inserted. */
        int flush() throws SQLException {
            if (inBatch > 0) {
                int batch = ++batches;
                String key = TriggerDelivery.idempotencyKey(triggerId, runId, batch);
                String body = Json.createObjectBuilder()
                        .add("triggerId", triggerId)
                        .add("runId", runId)
                        .add("batch", batch)
                        .add("idempotencyKey", key)
                        .add("customers", customers)
                        .build()
                        .toString();
                insert.setLong(1, triggerId);
                insert.setLong(2, runId);
                insert.setInt(3, batch);
                insert.setString(4, key);
                insert.setInt(5, inBatch);
                insert.setString(6, body);
                insert.executeUpdate();
                customers = Json.createArrayBuilder();
                inBatch = 0;
            }
            return batches;
        }
    }
}
