package dev.rfm.domain.campaign;

import dev.rfm.domain.database.TypedBulkInsert;
import dev.rfm.domain.snapshot.Page;
import dev.rfm.domain.snapshot.Snapshots;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Campaigns in the database: created with their members drawn once, listed, their groups paged or exported, and
 * their groups' orders in the measurement window counted (decision 0015).
 *
 * <p>Everything is SQL over keys: a segment's members stream from {@code customer_score} by {@code (run_id,
 * segment)} into {@code campaign_member} in chunks (binary {@code COPY} on PostgreSQL), and the measurement joins a
 * group's members to {@code customer_order} by its {@code (customer_id, order_date)} index; nothing holds a whole
 * target in memory except an uploaded list, which the request carried anyway.
 *
 * <p>Usage: {@code campaigns.create(plan, split::isControl, "anna", now)}, then {@link #outcome} for the result.
 */
public class Campaigns {

    private static final int BATCH = 5_000;

    /** How many unknown ids of an uploaded list a 400 names (the count says how many there were). */
    static final int UNKNOWN_IDS_NAMED = 100;

    private static final String COLUMNS = "id, name, scheme, segment, run_id, control_share, seed, start_date,"
            + " window_days, treatment_customers, control_customers, created_at, created_by";

    private final DataSource dataSource;

    public Campaigns(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** For the container's proxy only. */
    protected Campaigns() {
        this(null);
    }

    /** Both groups' outcomes in the measurement window. */
    public record Outcome(GroupOutcome treatment, GroupOutcome control) {}

    /**
     * Draws the target and stores the campaign with every member in its group, in one transaction.
     *
     * @param inControl whether a customer (by external id) belongs to the control group: the split, decided per
     *     customer so that row order never matters
     * @throws InvalidCampaignException naming the field: a run that did not succeed, a segment the run does not
     *     have (or has no customers in), customer ids that are unknown
     */
    public Campaign create(CampaignPlan plan, Predicate<String> inControl, String createdBy, LocalDateTime now)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // one transaction; PostgreSQL streams the segment with a cursor only inside one
            try {
                Campaign campaign = create(c, plan, inControl, createdBy, now);
                c.commit();
                return campaign;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private Campaign create(
            Connection c, CampaignPlan plan, Predicate<String> inControl, String createdBy, LocalDateTime now)
            throws SQLException {
        CampaignTarget.Segment segment = null;
        Map<String, Long> listed = null;
        if (plan.target() instanceof CampaignTarget.Segment s) {
            segment = new CampaignTarget.Segment(s.scheme(), s.segment(), checkedRun(c, s));
            checkSegment(c, segment);
        } else if (plan.target() instanceof CampaignTarget.CustomerList l) {
            listed = known(c, l.customerIds());
        }
        long id = insertCampaign(c, plan, segment, createdBy, now);
        long[] counts = new long[2]; // treatment, control
        Members members = new Members(c, id, inControl, counts);
        if (segment != null) {
            String sql = "select c.id, c.external_id from customer_score s join customer c on c.id = s.customer_id"
                    + " where s.run_id = ? and s." + segment.column() + " = ?";
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setLong(1, segment.runId());
                select.setString(2, segment.segment());
                select.setFetchSize(BATCH);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) members.add(rs.getLong(1), rs.getString(2));
                }
            }
        } else {
            for (Map.Entry<String, Long> e : listed.entrySet()) members.add(e.getValue(), e.getKey());
        }
        members.flush();
        if (counts[0] + counts[1] == 0) {
            throw new InvalidCampaignException(
                    "segment", "segment " + segment.segment() + " has no customers in run " + segment.runId());
        }
        try (PreparedStatement ps =
                c.prepareStatement("update campaign set treatment_customers = ?, control_customers = ? where id = ?")) {
            ps.setLong(1, counts[0]);
            ps.setLong(2, counts[1]);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
        return find(c, id).orElseThrow();
    }

    /**
     * Stores members a chunk of {@link #BATCH} at a time, counting each group: on PostgreSQL one binary {@code COPY}
     * per chunk, elsewhere JDBC batches ({@link TypedBulkInsert}). In chunks because a {@code COPY} holds the
     * connection until it ends, and the segment streams through a cursor on that same connection (the one creating
     * transaction): each chunk is copied between two fetches of the cursor. On PostgreSQL a million members take about
     * 30 % less time than by batched INSERTs (docs/PERFORMANCE.md); the two foreign-key checks per row are most of
     * what remains.
     */
    private static final class Members {
        private static final String[] COLUMNS = {"campaign_id", "customer_id", "in_control"};

        private final Connection connection;
        private final long campaignId;
        private final Predicate<String> inControl;
        private final long[] counts;
        private final long[] customerIds = new long[BATCH];
        private final boolean[] control = new boolean[BATCH];
        private int pending;

        Members(Connection connection, long campaignId, Predicate<String> inControl, long[] counts) {
            this.connection = connection;
            this.campaignId = campaignId;
            this.inControl = inControl;
            this.counts = counts;
        }

        void add(long customerId, String externalId) throws SQLException {
            boolean isControl = inControl.test(externalId);
            counts[isControl ? 1 : 0]++;
            customerIds[pending] = customerId;
            control[pending] = isControl;
            if (++pending == customerIds.length) flush();
        }

        void flush() throws SQLException {
            if (pending == 0) return;
            try (TypedBulkInsert rows = TypedBulkInsert.into(connection, "campaign_member", false, COLUMNS)) {
                for (int i = 0; i < pending; i++) {
                    rows.int8(campaignId).int8(customerIds[i]).bool(control[i]).endRow();
                }
                rows.finish();
            }
            pending = 0;
        }
    }

    /** The run asked for, or the current snapshot's; it must have succeeded. */
    private static long checkedRun(Connection c, CampaignTarget.Segment s) throws SQLException {
        Long runId = s.runId();
        if (runId == null) {
            try (PreparedStatement ps = c.prepareStatement("select run_id from current_snapshot where id = 1");
                    ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long current = rs.getLong(1);
                    if (!rs.wasNull()) return current;
                }
            }
            throw new InvalidCampaignException(
                    "runId", "no scoring run has succeeded yet: start one with POST /api/runs, then target a segment");
        }
        try (PreparedStatement ps = c.prepareStatement("select status from scoring_run where id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !"SUCCEEDED".equals(rs.getString(1))) {
                    throw new InvalidCampaignException("runId", "no succeeded run " + runId);
                }
            }
        }
        return runId;
    }

    private static void checkSegment(Connection c, CampaignTarget.Segment s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select customers from segment_summary where run_id = ? and scheme = ? and code = ?")) {
            ps.setLong(1, s.runId());
            ps.setString(2, s.scheme());
            ps.setString(3, s.segment());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new InvalidCampaignException(
                            "segment", "run " + s.runId() + " has no " + s.scheme() + " segment '" + s.segment() + "'");
                }
            }
        }
    }

    /** The uploaded ids with their customers' keys, in the list's order, duplicates once; unknown ids refused. */
    private static Map<String, Long> known(Connection c, List<String> customerIds) throws SQLException {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(customerIds));
        Map<String, Long> keys = new java.util.HashMap<>(distinct.size() * 2);
        int chunk = 500;
        for (int from = 0; from < distinct.size(); from += chunk) {
            List<String> ids = distinct.subList(from, Math.min(distinct.size(), from + chunk));
            String sql = "select external_id, id from customer where external_id in ("
                    + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < ids.size(); i++) ps.setString(i + 1, ids.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) keys.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        List<String> unknown =
                distinct.stream().filter(id -> !keys.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            List<CampaignProblem> problems = new ArrayList<>();
            problems.add(new CampaignProblem(
                    "customerIds",
                    unknown.size() + " unknown customer id" + (unknown.size() == 1 ? "" : "s")
                            + (unknown.size() > UNKNOWN_IDS_NAMED
                                    ? " (the first " + UNKNOWN_IDS_NAMED + " named)"
                                    : "")));
            unknown.stream()
                    .limit(UNKNOWN_IDS_NAMED)
                    .forEach(
                            id -> problems.add(new CampaignProblem("customerIds", "unknown customer id '" + id + "'")));
            throw new InvalidCampaignException(problems);
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String id : distinct) ordered.put(id, keys.get(id));
        return ordered;
    }

    private static long insertCampaign(
            Connection c, CampaignPlan plan, CampaignTarget.Segment segment, String createdBy, LocalDateTime now)
            throws SQLException {
        String sql = "insert into campaign (name, scheme, segment, run_id, control_share, seed, start_date,"
                + " window_days, treatment_customers, control_customers, created_at, created_by)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            ps.setString(1, plan.name());
            ps.setString(2, segment == null ? null : segment.scheme());
            ps.setString(3, segment == null ? null : segment.segment());
            ps.setObject(4, segment == null ? null : segment.runId(), java.sql.Types.BIGINT);
            ps.setDouble(5, plan.controlShare());
            ps.setLong(6, plan.seed());
            ps.setDate(7, Date.valueOf(plan.startDate()));
            ps.setInt(8, plan.windowDays());
            ps.setTimestamp(9, Timestamp.valueOf(now));
            ps.setString(10, createdBy);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Every campaign, newest first. */
    public List<Campaign> list() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from campaign order by id desc");
                ResultSet rs = ps.executeQuery()) {
            List<Campaign> campaigns = new ArrayList<>();
            while (rs.next()) campaigns.add(campaign(rs));
            return campaigns;
        }
    }

    /**
     * The campaigns a report as of {@code day} speaks of: started on or before that day, with a window that is still
     * running or ended (its {@link Campaign#endDate()}) at most {@code endedWithinDays} days before it; newest start
     * first, at most {@code limit}.
     */
    public List<Campaign> runningOrEndedWithin(java.time.LocalDate day, int endedWithinDays, int limit)
            throws SQLException {
        java.time.LocalDate endedSince = day.minusDays(endedWithinDays);
        // the end is start_date + window_days, which H2 and PostgreSQL add differently; since no window is longer
        // than MAX_WINDOW_DAYS this start range holds every match, and the end is checked exactly below
        String sql = "select " + COLUMNS + " from campaign where start_date <= ? and start_date >= ?"
                + " order by start_date desc, id desc";
        List<Campaign> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDate(1, Date.valueOf(day));
            ps.setDate(2, Date.valueOf(endedSince.minusDays(CampaignPlan.MAX_WINDOW_DAYS)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && found.size() < limit) {
                    Campaign campaign = campaign(rs);
                    if (!campaign.endDate().isBefore(endedSince)) found.add(campaign);
                }
            }
        }
        return found;
    }

    public Optional<Campaign> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, id);
        }
    }

    private static Optional<Campaign> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from campaign where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(campaign(rs)) : Optional.empty();
            }
        }
    }

    private static final String MEMBERS = "select c.external_id, c.name, c.email from campaign_member m"
            + " join customer c on c.id = m.customer_id where m.campaign_id = ? and m.in_control = ?"
            + " order by m.customer_id";

    /** One page of a group's members, in the order customers became known. */
    public Page<CampaignMember> members(Campaign campaign, CampaignGroup group, int page, int size)
            throws SQLException {
        List<CampaignMember> items = new ArrayList<>(size);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        MEMBERS + " offset " + ((long) page * size) + " rows fetch next " + size + " rows only")) {
            ps.setLong(1, campaign.id());
            ps.setBoolean(2, group.inControl());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) items.add(new CampaignMember(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        long total = group == CampaignGroup.CONTROL ? campaign.controlCustomers() : campaign.treatmentCustomers();
        return new Page<>(items, page, size, total);
    }

    /**
     * A whole group as CSV ({@code customer_id,name,email}), streamed with a cursor; text cells that a spreadsheet
     * would run as formulas are neutralised. Returns the rows written.
     */
    public long writeMembersCsv(long campaignId, CampaignGroup group, Writer out) throws SQLException, IOException {
        out.write("customer_id,name,email\n");
        long rows = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(MEMBERS)) {
                ps.setLong(1, campaignId);
                ps.setBoolean(2, group.inControl());
                ps.setFetchSize(BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.write(Snapshots.csv(rs.getString(1)) + "," + Snapshots.csv(rs.getString(2)) + ","
                                + Snapshots.csv(rs.getString(3)) + "\n");
                        rows++;
                    }
                }
            } finally {
                c.commit();
                c.setAutoCommit(autoCommit);
            }
        }
        return rows;
    }

    /**
     * Both groups' orders from the start date (inclusive) to the end of the window (exclusive), or to {@code until}
     * when that comes first (a window still running counts the days so far). Per member first (purchases and net
     * revenue, zero without orders), then per group, so the spread of revenue per customer comes out too.
     */
    public Outcome outcome(Campaign campaign, java.time.LocalDate until) throws SQLException {
        java.time.LocalDate end = until.isBefore(campaign.endDate()) ? until : campaign.endDate();
        String sql = "select t.in_control, count(*), sum(case when t.purchases > 0 then 1 else 0 end),"
                + " sum(t.purchases), sum(t.revenue), sum(t.revenue * t.revenue) from ("
                + "select m.in_control, m.customer_id, sum(case when o.amount >= 0 then 1 else 0 end) purchases,"
                + " coalesce(sum(o.amount), 0) revenue from campaign_member m left join customer_order o"
                + " on o.customer_id = m.customer_id and o.order_date >= ? and o.order_date < ?"
                + " where m.campaign_id = ? group by m.in_control, m.customer_id) t group by t.in_control";
        GroupOutcome treatment = GroupOutcome.EMPTY;
        GroupOutcome control = GroupOutcome.EMPTY;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDate(1, Date.valueOf(campaign.startDate()));
            ps.setDate(2, Date.valueOf(end));
            ps.setLong(3, campaign.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    GroupOutcome g =
                            new GroupOutcome(rs.getLong(2), rs.getLong(3), rs.getLong(4), money(rs, 5), money(rs, 6));
                    if (rs.getBoolean(1)) control = g;
                    else treatment = g;
                }
            }
        }
        return new Outcome(treatment, control);
    }

    private static BigDecimal money(ResultSet rs, int column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? BigDecimal.ZERO : value;
    }

    private static Campaign campaign(ResultSet rs) throws SQLException {
        long runId = rs.getLong(5);
        Long run = rs.wasNull() ? null : runId;
        Timestamp created = rs.getTimestamp(12);
        return new Campaign(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                run,
                rs.getDouble(6),
                rs.getLong(7),
                rs.getDate(8).toLocalDate(),
                rs.getInt(9),
                rs.getLong(10),
                rs.getLong(11),
                created == null ? null : created.toLocalDateTime(),
                rs.getString(13));
    }
}
