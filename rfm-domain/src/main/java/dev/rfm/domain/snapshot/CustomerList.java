package dev.rfm.domain.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;

/**
 * The customers of one run, filtered, sorted and paged in SQL: the read side of the Customers and Customer pages.
 * One page is one query over {@code customer_score} (primary key {@code (run_id, customer_id)}) joined with {@code
 * customer} by its primary key; nothing is loaded beyond the page. Sorting is allowed on the columns of {@link
 * #SORTS} only, always with the customer's key as the last order, so pages never overlap.
 *
 * <p>Usage: {@code new CustomerList(dataSource).page(runId, filter, "predictedClv", false, 0, 25)}; {@link #count}
 * for the pager (callers cache it per filter), {@link #writeCsv} and {@link #forEach} for the exports.
 */
public final class CustomerList {

    /** Sort keys the page offers, and their columns. */
    public static final Map<String, String> SORTS = Map.ofEntries(
            Map.entry("customerId", "c.external_id"),
            Map.entry("name", "c.name"),
            Map.entry("recencyDays", "s.recency_days"),
            Map.entry("frequency", "s.frequency"),
            Map.entry("monetary", "s.monetary"),
            Map.entry("r", "s.r_score"),
            Map.entry("f", "s.f_score"),
            Map.entry("m", "s.m_score"),
            Map.entry("pAlive", "s.p_alive"),
            Map.entry("historicalClv", "s.historical_clv"),
            Map.entry("predictedClv", "s.predicted_clv"));

    static final String COLUMNS = "s.run_id, c.external_id, c.name, c.email, s.recency_days,"
            + " s.frequency, s.monetary, s.r_score, s.f_score, s.m_score, s.rfm_code, s.segment_standard,"
            + " s.segment_cn8, s.segment_custom, s.lifecycle_stage, s.abc_class, s.p_alive,"
            + " s.expected_purchases_30d, s.expected_purchases_90d, s.expected_purchases_365d,"
            + " s.expected_avg_order_value, s.historical_clv, s.predicted_clv";

    /** The columns of an exported list, the same in CSV and Excel, named for campaign tools. */
    public static final List<String> EXPORT_COLUMNS = List.of(
            "customer_id",
            "name",
            "email",
            "recency_days",
            "frequency",
            "monetary",
            "r",
            "f",
            "m",
            "rfm_code",
            "segment",
            "segment_cn8",
            "segment_custom",
            "lifecycle_stage",
            "abc_class",
            "p_alive",
            "expected_purchases_90d",
            "historical_clv",
            "predicted_clv");

    private final DataSource dataSource;

    public CustomerList(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Columns that may hold nulls. Nulls sort last in both directions; so that one index {@code (run_id, column,
     * customer_id)} (migration V9) serves both directions, a page sorted by one of these is read in two index-ordered
     * parts: the rows with a value, then (on the last pages) the rows without one.
     */
    private static final Set<String> NULLABLE =
            Set.of("c.name", "s.recency_days", "s.r_score", "s.f_score", "s.m_score", "s.p_alive", "s.predicted_clv");

    /** One page of the filtered customers. {@code sort} is a key of {@link #SORTS}; null sorts by customer id. */
    public List<CustomerResult> page(
            long runId, CustomerFilter filter, String sort, boolean ascending, long offset, int size)
            throws SQLException {
        List<CustomerResult> quick = quickPage(runId, filter, sort, ascending, offset, size);
        if (quick != null) return quick;
        long[] ids = orderedIds(runId, filter, sort, ascending);
        return rows(runId, ids, (int) Math.min(offset, ids.length), (int) Math.min(offset + size, ids.length));
    }

    /**
     * The page when an index finds it in a few reads; null when only sorting the filter's customers can (then
     * {@link #orderedIds} and {@link #rows}, which the pages remember per run, filter and order).
     *
     * <p>An unfiltered page walks the sort column's index ({@code offset + size} entries). A filtered page cannot
     * trust that walk: while the filter's customers come early in the order it reads a few rows, but when they come
     * late (Champions by ascending monetary value) it reads most of the run — seconds at a million customers. So a
     * shallow filtered page reads the ids of the first {@value #WALK_PER_ROW} customers of the run per row wanted (at
     * least {@value #WALK}) in the page's order and looks for the page among them; when they hold it, it is the page
     * (every matching customer before its last row lies in that stretch). Sorts by a customer's id or name keep the
     * walk: that order (the customer table's) is independent of the run's segments and scores. Decision 0018.
     */
    public List<CustomerResult> quickPage(
            long runId, CustomerFilter filter, String sort, boolean ascending, long offset, int size)
            throws SQLException {
        String column = sort == null ? null : SORTS.get(sort);
        try (Connection c = dataSource.getConnection()) {
            Where where = where(c, runId, filter);
            // sorted by a customer's id or name, the walk goes through the customer table's index, whose order the
            // run's segments and scores do not follow: it stays the way
            if (!where.sql.equals(RUN_ONLY) && (column == null || !column.startsWith("c."))) {
                return stretchPage(c, runId, where, column, ascending, offset, size);
            }
            if (column == null || !NULLABLE.contains(column)) {
                return page(c, runId, where.sql, where.args, orderBy(sort, ascending), offset, size);
            }
            String direction = ascending ? " asc" : " desc";
            List<CustomerResult> rows = page(
                    c,
                    runId,
                    where.sql + " and " + column + " is not null",
                    where.args,
                    " order by " + column + direction + ", s.customer_id" + direction,
                    offset,
                    size);
            if (rows.size() == size) return rows;
            // past the rows with a value: how many there are is known unless this page holds none of them
            long withValue = rows.isEmpty() && offset > 0
                    ? count(c, filter, where.sql + " and " + column + " is not null", where.args)
                    : offset + rows.size();
            rows.addAll(page(
                    c,
                    runId,
                    where.sql + " and " + column + " is null",
                    where.args,
                    " order by s.customer_id" + direction,
                    Math.max(0, offset - withValue),
                    size - rows.size()));
            return rows;
        }
    }

    /** How far a filtered page may look in the run's order, in customers per row wanted (at least {@link #WALK}). */
    private static final int WALK_PER_ROW = 40;

    private static final int WALK = 2_000;

    /** Filtered pages deeper than this are not looked for in a stretch. */
    private static final long WALK_DEPTH = 250;

    private static List<CustomerResult> stretchPage(
            Connection c, long runId, Where where, String column, boolean ascending, long offset, int size)
            throws SQLException {
        if (offset + size > WALK_DEPTH) return null;
        String direction = ascending ? " asc" : " desc";
        String orderBy = column == null
                ? " order by s.customer_id"
                : " order by " + column + direction + ", s.customer_id" + direction;
        String withValue = column != null && NULLABLE.contains(column) ? " and " + column + " is not null" : "";
        long walk = Math.max(WALK, WALK_PER_ROW * (offset + size));
        // two statements, not one: joined with the filter in one query, PostgreSQL was seen to run the stretch again
        // for every row of the filter (two minutes at a million customers)
        List<Long> stretch = new ArrayList<>();
        try (PreparedStatement ps = prepare(
                        c,
                        "select s.customer_id from customer_score s where s.run_id = ?" + withValue + orderBy
                                + " offset 0 rows fetch next " + walk + " rows only",
                        List.of(runId));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) stretch.add(rs.getLong(1));
        }
        if (stretch.isEmpty()) return null;
        // which of them pass the filter; no order and no limit here, or the planner walks the sort's index again
        String passing = "select s.customer_id from customer_score s"
                + (usesCustomer(where.sql) ? " join customer c on c.id = s.customer_id" : "") + where.sql
                + " and s.customer_id in (" + idList(stretch.stream().mapToLong(Long::longValue)) + ")";
        Set<Long> pass = new HashSet<>();
        try (PreparedStatement ps = prepare(c, passing, where.args);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) pass.add(rs.getLong(1));
        }
        long[] ids = stretch.stream()
                .filter(pass::contains)
                .mapToLong(Long::longValue)
                .limit(offset + size)
                .toArray();
        // short: the page lies (partly) beyond the stretch, or among customers without a value
        if (ids.length < offset + size) return null;
        return rows(c, runId, ids, (int) offset, ids.length);
    }

    /**
     * Every customer that passes the filter, by id in the page's order (nulls last): what the pages slice when a
     * filtered page cannot be found by an index walk ({@link #quickPage}). One sort of the filter's customers.
     */
    public long[] orderedIds(long runId, CustomerFilter filter, String sort, boolean ascending) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try {
                if (c.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                    // a sort for later pages, run in the background: one core, not every core the readers need now
                    try (Statement st = c.createStatement()) {
                        st.execute("set local max_parallel_workers_per_gather = 0");
                    }
                }
                Where where = where(c, runId, filter);
                String orderBy = orderBy(sort, ascending);
                String sql = "select s.customer_id from customer_score s"
                        + (usesCustomer(where.sql) || usesCustomer(orderBy)
                                ? " join customer c on c.id = s.customer_id"
                                : "")
                        + where.sql + orderBy;
                long[] ids = new long[1_024];
                int n = 0;
                try (PreparedStatement ps = prepare(c, sql, where.args)) {
                    ps.setFetchSize(20_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (n == ids.length) ids = Arrays.copyOf(ids, ids.length * 2);
                            ids[n++] = rs.getLong(1);
                        }
                    }
                }
                return Arrays.copyOf(ids, n);
            } finally {
                c.commit();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * One page found by sorting the filter's customers (a top-N sort in the database: the order is by an expression
     * no index has, {@code value + 0}, so the planner picks the rows by the filter rather than walking the sort's
     * index past customers the filter drops). What a page costs until {@link #orderedIds} is at hand.
     */
    public List<CustomerResult> sortedPage(
            long runId, CustomerFilter filter, String sort, boolean ascending, long offset, int size)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Where where = where(c, runId, filter);
            String orderBy = orderBy(sort, ascending);
            String unindexed = orderBy.replaceAll("(s\\.[a-z_]+)", "($1 + 0)");
            String keys = "select s.customer_id from customer_score s"
                    + (usesCustomer(where.sql) || usesCustomer(orderBy)
                            ? " join customer c on c.id = s.customer_id"
                            : "")
                    + where.sql + unindexed + " offset " + offset + " rows fetch next " + size + " rows only";
            long[] ids;
            try (PreparedStatement ps = prepare(c, keys, where.args);
                    ResultSet rs = ps.executeQuery()) {
                List<Long> found = new ArrayList<>();
                while (rs.next()) found.add(rs.getLong(1));
                ids = found.stream().mapToLong(Long::longValue).toArray();
            }
            return rows(c, runId, ids, 0, ids.length);
        }
    }

    /** The rows of {@code ids[from..to)}, in that order. */
    public List<CustomerResult> rows(long runId, long[] ids, int from, int to) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return rows(c, runId, ids, from, to);
        }
    }

    private static List<CustomerResult> rows(Connection c, long runId, long[] ids, int from, int to)
            throws SQLException {
        if (from >= to) return new ArrayList<>();
        Map<Long, Integer> position = new HashMap<>();
        for (int i = from; i < to; i++) position.put(ids[i], i);
        // the id last: the row's own columns are read by position
        String sql = "select " + COLUMNS + ", s.customer_id from customer_score s join customer c on c.id ="
                + " s.customer_id where s.run_id = ? and s.customer_id in ("
                + idList(Arrays.stream(ids, from, to)) + ")";
        CustomerResult[] ordered = new CustomerResult[to - from];
        try (PreparedStatement ps = prepare(c, sql, List.of(runId));
                ResultSet rs = ps.executeQuery()) {
            int idColumn = rs.getMetaData().getColumnCount();
            while (rs.next()) ordered[position.get(rs.getLong(idColumn)) - from] = result(rs);
        }
        List<CustomerResult> rows = new ArrayList<>(ordered.length);
        for (CustomerResult r : ordered) if (r != null) rows.add(r);
        return rows;
    }

    /** Customer keys as the list of an {@code in (...)}: numbers only, so they are safe to write into the SQL. */
    private static String idList(LongStream ids) {
        return ids.mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    /**
     * One page, found first by key alone and only then joined with the rest of the row and the customer: skipping
     * {@code offset} rows then reads the sort index (and the customer table only where the filter or the order needs
     * it), not every skipped row's columns and customer (a page near the end of a million rows: 0.9 s before).
     */
    private static List<CustomerResult> page(
            Connection c, long runId, String where, List<Object> args, String orderBy, long offset, int size)
            throws SQLException {
        String keys = "select s.customer_id from customer_score s"
                + (usesCustomer(where) || usesCustomer(orderBy) ? " join customer c on c.id = s.customer_id" : "")
                + where + orderBy + " offset " + offset + " rows fetch next " + size + " rows only";
        String sql = "select " + COLUMNS + " from (" + keys + ") k"
                + " join customer_score s on s.run_id = ? and s.customer_id = k.customer_id"
                + " join customer c on c.id = s.customer_id" + orderBy;
        List<Object> all = new ArrayList<>(args);
        all.add(runId);
        try (PreparedStatement ps = prepare(c, sql, all);
                ResultSet rs = ps.executeQuery()) {
            List<CustomerResult> rows = new ArrayList<>(size);
            while (rs.next()) rows.add(result(rs));
            return rows;
        }
    }

    private static final java.util.regex.Pattern CUSTOMER_COLUMN = java.util.regex.Pattern.compile("\\bc\\.");

    /** Whether SQL names a column of the customer table (alias {@code c}). */
    static boolean usesCustomer(String sql) {
        return CUSTOMER_COLUMN.matcher(sql).find();
    }

    /** How many customers pass the filter. */
    public long count(long runId, CustomerFilter filter) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Where where = where(c, runId, filter);
            return count(c, filter, where.sql, where.args);
        }
    }

    private static long count(Connection c, CustomerFilter filter, String where, List<Object> args)
            throws SQLException {
        // a condition on the customer's name needs the customer table, whatever the filter
        String from = filter.search() == null && !usesCustomer(where)
                ? " from customer_score s"
                : " from customer_score s join customer c on c.id = s.customer_id";
        try (PreparedStatement ps = prepare(c, "select count(*)" + from + where, args);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Every customer that passes the filter, in the page's order, as CSV, streamed with a cursor. Text cells that a
     * spreadsheet would run as a formula are neutralised (see {@link Snapshots#csv}). Returns the rows written.
     */
    public long writeCsv(long runId, CustomerFilter filter, String sort, boolean ascending, Writer out)
            throws SQLException, IOException {
        out.write(String.join(",", EXPORT_COLUMNS) + "\n");
        try {
            return forEach(runId, filter, sort, ascending, r -> {
                try {
                    out.write(Snapshots.csv(r.customerId()) + "," + Snapshots.csv(r.name()) + ","
                            + Snapshots.csv(r.email()) + "," + nz(r.recencyDays()) + "," + r.frequency() + ","
                            + r.monetary().toPlainString() + "," + nz(r.r()) + "," + nz(r.f()) + ","
                            + nz(r.m()) + "," + nz(r.rfmCode()) + "," + Snapshots.csv(r.segment()) + ","
                            + Snapshots.csv(r.segmentCn8()) + "," + Snapshots.csv(r.segmentCustom()) + ","
                            + r.lifecycleStage() + "," + nz(r.abcClass()) + "," + nz(r.pAlive()) + ","
                            + nz(r.expectedPurchases90d()) + ","
                            + r.historicalClv().toPlainString() + ","
                            + (r.predictedClv() == null ? "" : r.predictedClv().toPlainString()) + "\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Hands every customer that passes the filter, in the page's order, to {@code row}, streamed with a cursor (the
     * snapshot is never held in memory). Returns the rows handed over.
     */
    public long forEach(long runId, CustomerFilter filter, String sort, boolean ascending, Consumer<CustomerResult> row)
            throws SQLException {
        long count = 0;
        try (Connection c = dataSource.getConnection()) {
            Where where = where(c, runId, filter);
            String sql = "select " + COLUMNS + " from customer_score s join customer c on c.id = s.customer_id"
                    + where.sql + orderBy(sort, ascending);
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement ps = prepare(c, sql, where.args)) {
                ps.setFetchSize(5_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.accept(result(rs));
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

    // ---- one customer ------------------------------------------------------------------------------------------

    /** Who a customer is: the stored profile and the totals of the orders. */
    public record Profile(
            long key,
            String customerId,
            String name,
            String email,
            LocalDate firstSeen,
            long orders,
            BigDecimal netRevenue,
            LocalDate lastOrder) {}

    /** One stored order of a customer. */
    public record Order(String orderId, LocalDate orderDate, BigDecimal amount, Integer quantity, String channel) {}

    /** A customer's scores in one run, for the history on the Customer page. */
    public record RunScores(
            long runId,
            LocalDate referenceDate,
            Integer recencyDays,
            int frequency,
            BigDecimal monetary,
            String rfmCode,
            String segment,
            String segmentCustom,
            String lifecycleStage,
            String abcClass,
            Double pAlive,
            BigDecimal predictedClv) {}

    public Optional<Profile> profile(String customerId) throws SQLException {
        String sql = "select c.id, c.external_id, c.name, c.email, c.first_seen,"
                + " (select count(*) from customer_order o where o.customer_id = c.id),"
                + " (select coalesce(sum(o.amount), 0) from customer_order o where o.customer_id = c.id),"
                + " (select max(o.order_date) from customer_order o where o.customer_id = c.id)"
                + " from customer c where c.external_id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, List.of(customerId));
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            java.sql.Date last = rs.getDate(8);
            return Optional.of(new Profile(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getDate(5).toLocalDate(),
                    rs.getLong(6),
                    rs.getBigDecimal(7),
                    last == null ? null : last.toLocalDate()));
        }
    }

    /** A page of a customer's orders, newest first (index {@code (customer_id, order_date)}). */
    public List<Order> orders(long customerKey, long offset, int size) throws SQLException {
        String sql = "select external_id, order_date, amount, quantity, channel from customer_order"
                + " where customer_id = ? order by order_date desc, id desc offset " + offset + " rows fetch next "
                + size + " rows only";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, List.of(customerKey));
                ResultSet rs = ps.executeQuery()) {
            List<Order> orders = new ArrayList<>();
            while (rs.next()) {
                int quantity = rs.getInt(4);
                orders.add(new Order(
                        rs.getString(1),
                        rs.getDate(2).toLocalDate(),
                        rs.getBigDecimal(3),
                        rs.wasNull() ? null : quantity,
                        rs.getString(5)));
            }
            return orders;
        }
    }

    /** The customer's scores in the newest succeeded runs, newest first (index {@code (customer_id, run_id)}). */
    public List<RunScores> history(long customerKey, int limit) throws SQLException {
        String sql = "select s.run_id, r.reference_date, s.recency_days, s.frequency, s.monetary, s.rfm_code,"
                + " s.segment_standard, s.segment_custom, s.lifecycle_stage, s.abc_class, s.p_alive, s.predicted_clv"
                + " from customer_score s join scoring_run r on r.id = s.run_id"
                + " where s.customer_id = ? and r.status = 'SUCCEEDED' order by s.run_id desc fetch first " + limit
                + " rows only";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, List.of(customerKey));
                ResultSet rs = ps.executeQuery()) {
            List<RunScores> rows = new ArrayList<>();
            while (rs.next()) {
                int recency = rs.getInt(3);
                Integer recencyDays = rs.wasNull() ? null : recency;
                double pAlive = rs.getDouble(11);
                Double p = rs.wasNull() ? null : pAlive;
                rows.add(new RunScores(
                        rs.getLong(1),
                        rs.getDate(2).toLocalDate(),
                        recencyDays,
                        rs.getInt(4),
                        rs.getBigDecimal(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        p,
                        rs.getBigDecimal(12)));
            }
            return rows;
        }
    }

    // ---- SQL ---------------------------------------------------------------------------------------------------

    private record Where(String sql, List<Object> args) {}

    /**
     * The page's order as one {@code ORDER BY}: the sort column (nulls last), then the customer key in the same
     * direction, so that a backward scan of the column's index serves a descending sort.
     */
    static String orderBy(String sort, boolean ascending) {
        String column = sort == null ? null : SORTS.get(sort);
        if (column == null) return " order by s.customer_id";
        String direction = ascending ? " asc" : " desc";
        return " order by " + column + direction + (NULLABLE.contains(column) ? " nulls last" : "") + ", s.customer_id"
                + direction;
    }

    /**
     * The conditions of a filter. A search that is a stored customer id finds that customer alone, by the unique
     * index; any other search looks for a part of a name or an e-mail address (a scan of the snapshot: see
     * PERFORMANCE notes in the report).
     */
    /** The conditions of an empty filter: the run's rows. */
    private static final String RUN_ONLY = " where s.run_id = ?";

    private static Where where(Connection c, long runId, CustomerFilter f) throws SQLException {
        StringBuilder sql = new StringBuilder(RUN_ONLY);
        List<Object> args = new ArrayList<>();
        args.add(runId);
        if (f.search() != null && isCustomerId(c, f.search())) {
            sql.append(" and c.external_id = ?");
            args.add(f.search());
        } else if (f.search() != null) {
            sql.append(" and (lower(c.name) like ? escape '\\' or lower(c.email) like ? escape '\\')");
            String pattern = "%"
                    + f.search()
                            .toLowerCase(java.util.Locale.ROOT)
                            .replace("\\", "\\\\")
                            .replace("%", "\\%")
                            .replace("_", "\\_")
                    + "%";
            args.add(pattern);
            args.add(pattern);
        }
        if (f.segment() != null) {
            String column =
                    switch (f.scheme()) {
                        case "lifecycle" -> "s.lifecycle_stage";
                        case "abc" -> "s.abc_class";
                        default -> "s." + Snapshots.segmentColumn(f.scheme());
                    };
            sql.append(" and ").append(column).append(" = ?");
            args.add(f.segment());
            if (f.movedFrom() != null) movedFrom(sql, args, runId, column.replace("s.", "p."), f.movedFrom());
        }
        equal(sql, args, "s.lifecycle_stage", f.stage());
        equal(sql, args, "s.abc_class", f.abcClass());
        range(sql, args, "s.r_score", f.rMin(), f.rMax());
        range(sql, args, "s.f_score", f.fMin(), f.fMax());
        range(sql, args, "s.m_score", f.mMin(), f.mMax());
        range(sql, args, "s.p_alive", f.pAliveMin(), f.pAliveMax());
        range(sql, args, "s.predicted_clv", f.clvMin(), f.clvMax());
        return new Where(sql.toString(), args);
    }

    /** Customers in (or, for "new", absent from) the previous succeeded run's segment: by its primary key. */
    private static void movedFrom(StringBuilder sql, List<Object> args, long runId, String column, String from) {
        String previous = "(select max(id) from scoring_run where status = 'SUCCEEDED' and id < ?)";
        if (from.equals(CustomerFilter.NEW_SINCE_PREVIOUS_RUN)) {
            sql.append(" and not exists (select 1 from customer_score p where p.run_id = ")
                    .append(previous)
                    .append(" and p.customer_id = s.customer_id)");
            args.add(runId);
        } else {
            sql.append(" and exists (select 1 from customer_score p where p.run_id = ")
                    .append(previous)
                    .append(" and p.customer_id = s.customer_id and ")
                    .append(column)
                    .append(" = ?)");
            args.add(runId);
            args.add(from);
        }
    }

    private static boolean isCustomerId(Connection c, String search) throws SQLException {
        try (PreparedStatement ps = prepare(c, "select 1 from customer where external_id = ?", List.of(search));
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private static void equal(StringBuilder sql, List<Object> args, String column, Object value) {
        if (value == null) return;
        sql.append(" and ").append(column).append(" = ?");
        args.add(value);
    }

    private static void range(StringBuilder sql, List<Object> args, String column, Object min, Object max) {
        if (min != null) {
            sql.append(" and ").append(column).append(" >= ?");
            args.add(min);
        }
        if (max != null) {
            sql.append(" and ").append(column).append(" <= ?");
            args.add(max);
        }
    }

    /**
     * A statement planned for its values every time: on PostgreSQL the driver would otherwise switch to a server-side
     * prepared statement after five uses on a connection, and the server then to a generic plan, which cannot see how
     * few rows a search pattern or a filter value keeps and walks the whole run in key order (a search for part of an
     * e-mail address: 6 s instead of 10 ms at a million customers).
     */
    private static PreparedStatement prepare(Connection c, String sql, List<Object> args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        if (ps.isWrapperFor(org.postgresql.PGStatement.class)) {
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
        }
        for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
        return ps;
    }

    private static CustomerResult result(ResultSet rs) throws SQLException {
        return Snapshots.customerResult(rs);
    }

    private static String nz(Object value) {
        return value == null ? "" : value.toString();
    }
}
