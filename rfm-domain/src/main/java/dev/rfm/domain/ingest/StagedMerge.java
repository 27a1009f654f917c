package dev.rfm.domain.ingest;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Set;

/**
 * The set-based half of an import: from the staged lines to new customers and orders, in the import's
 * transaction.
 *
 * <p>Three work tables: the lines ({@code L}, one per good CSV line), the orders ({@code O}, one per
 * {@code order_id}: item lines added up) and the customers ({@code C}). On PostgreSQL they are temporary
 * tables created here ({@code ON COMMIT DROP}: no WAL, nothing to delete or vacuum; no indexes while
 * loading); elsewhere the {@code import_staging_*} tables of migration V2, emptied before commit.
 *
 * <p>How lines are decided, order by order:
 *
 * <ol>
 *   <li>all lines of an {@code order_id} are added up: amounts and quantities summed, the earliest date
 *       kept, channel from the first line (file order) that gives one;
 *   <li>an order already stored for the same customer is a <b>duplicate</b>: all its lines are skipped and
 *       counted (verdict {@code D});
 *   <li>an order already stored for another customer (verdict {@code X}): lines naming the stored customer
 *       are duplicates, the others are <b>rejected</b> ("already stored for customer_id ...");
 *   <li>an order not yet stored whose lines name several customers: the first line decides the customer,
 *       lines naming another one are rejected ("was given for customer_id ... on line ..."), the rest is
 *       imported (verdict {@code M} while this is worked out);
 *   <li>an order whose lines add up beyond the column range (amount 15 digits before the point, quantity
 *       a 32-bit integer) is rejected as a whole (verdicts {@code A}, {@code Q});
 *   <li>the remaining orders (verdict {@code null}) are imported; their customers are created when new,
 *       with {@code first_seen} = the date of their earliest imported order and name and e-mail from the first
 *       line that gives them; a known customer keeps name and e-mail, and its {@code first_seen} moves back
 *       when the file holds an earlier order.
 * </ol>
 *
 * <p>The common case costs one aggregation over the lines and a few passes over the orders; what needs a
 * look at single lines (clashes, differing channels or names: rare) uses indexes that PostgreSQL builds
 * only when such lines exist.
 */
final class StagedMerge {

    private static final System.Logger LOG = System.getLogger(StagedMerge.class.getName());

    /** From how many staged rows the customers are grouped by sorting on PostgreSQL. */
    static final long SORT_CUSTOMERS_FROM_ROWS = 2_000_000;

    /** How the database is driven. */
    enum Dialect {
        /** Temporary work tables, COPY, indexes of customer_order deferred for big imports. */
        POSTGRESQL,
        /** The V2 work tables and JDBC batches: H2 and anything else. */
        GENERIC
    }

    /** What the merge did. */
    record Outcome(
            long rowsImported, long rowsDuplicate, long rowsRejected, long ordersCreated, long customersCreated) {}

    private final Connection connection;
    private final Dialect dialect;
    private final long importId;
    private final HeaderLayout layout;
    private final String lines;
    private final String ordersTable;
    private final String customers;
    /**
     * The orders as the merge sees them: {@link #ordersTable}, or {@link #lines} itself when no order id
     * comes back after other orders (each staged row is then a whole order).
     */
    private String orders;
    /** The column of {@link #orders} holding the customer of the order's last line in "C" order. */
    private String customerMax = "customer_max";

    private boolean lookupIndexes;
    /** Orders not imported as staged (duplicates, clashes, several customers, too large); 0 in the common case. */
    private long ordersSetAside;
    /** Lines of orders stored for another customer that name the stored customer: duplicates. */
    private long duplicateLinesOfClashes;

    private StagedMerge(Connection connection, Dialect dialect, long importId, HeaderLayout layout) {
        this.connection = connection;
        this.dialect = dialect;
        this.importId = importId;
        this.layout = layout;
        boolean pg = dialect == Dialect.POSTGRESQL;
        this.lines = pg ? "tmp_import_line" : "import_staging_line";
        this.ordersTable = pg ? "tmp_import_order" : "import_staging_order";
        this.orders = ordersTable;
        this.customers = pg ? "tmp_import_customer" : "import_staging_customer";
    }

    /** Makes the work tables ready (created on PostgreSQL, emptied elsewhere). */
    static StagedMerge prepare(Connection connection, Dialect dialect, long importId, HeaderLayout layout)
            throws SQLException {
        StagedMerge merge = new StagedMerge(connection, dialect, importId, layout);
        if (dialect == Dialect.POSTGRESQL) {
            merge.createTemporaryTables();
        } else {
            merge.clearWorkTables();
        }
        return merge;
    }

    /** The table the stager writes the lines into. */
    String linesTable() {
        return lines;
    }

    private void createTemporaryTables() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("drop table if exists " + lines + ", " + ordersTable + ", " + customers);
            s.execute("create temporary table " + lines + " ("
                    + "line_no bigint not null, line_count integer not null, customer_ext varchar(64) not null,"
                    + " order_ext varchar(64) not null, ordered_at timestamp not null, amount numeric(19, 4) not null,"
                    + " quantity integer, channel varchar(40), customer_name varchar(200),"
                    + " customer_email varchar(254), verdict varchar(1)"
                    + ") on commit drop");
            s.execute("create temporary table " + ordersTable + " ("
                    + "order_ext varchar(64) not null, first_line bigint not null, line_count bigint not null,"
                    + " customer_ext varchar(64) not null, customer_max varchar(64) not null,"
                    + " ordered_at timestamp not null, amount numeric(38, 4) not null, quantity bigint,"
                    + " channel varchar(40), channel_max varchar(40), verdict varchar(1)"
                    + ") on commit drop");
            s.execute("create temporary table " + customers + " ("
                    + "customer_ext varchar(64) not null primary key, first_seen date not null,"
                    + " name_min varchar(200), name_max varchar(200), email_min varchar(254), email_max varchar(254)"
                    + ") on commit drop");
        }
    }

    private void clearWorkTables() throws SQLException {
        update("delete from " + customers);
        update("delete from " + ordersTable);
        update("delete from " + lines);
    }

    /**
     * Runs the merge over the staged lines.
     *
     * @param stagedLines the lines staged
     * @param stagedRows the rows staged for them (runs of item lines, see {@link ItemLineMerger})
     * @param possiblyRepeated order ids that might have been staged in more than one row, {@code null} when
     *     any might
     * @param rejectedWhileReading lines already rejected (and stored) while reading
     * @param sumsMayOverflow whether adding up item lines could exceed the column ranges (else that check
     *     is skipped)
     * @param startedAt the {@code created_at} of new customers
     * @param mergingStarts called when the checks are done and customers and orders are written
     */
    Outcome run(
            long stagedLines,
            long stagedRows,
            Set<String> possiblyRepeated,
            long rejectedWhileReading,
            boolean sumsMayOverflow,
            LocalDateTime startedAt,
            Runnable mergingStarts)
            throws SQLException {
        long orderCount;
        if (rowsAreOrders(possiblyRepeated)) {
            // each staged row is a whole order: nothing to add up, and no order can name several customers
            // or channels (a run of item lines agrees in both)
            orders = lines;
            customerMax = "customer_ext";
            orderCount = stagedRows;
        } else {
            orderCount = aggregateOrders();
        }

        analyze(orders);
        long rejected = rejectedWhileReading + checkStoredOrders();
        long[] anomalies = orders.equals(lines)
                ? new long[2]
                : queryLongs("select coalesce(sum(case when customer_ext <> customer_max then 1 else 0 end), 0),"
                        + " coalesce(sum(case when channel <> channel_max then 1 else 0 end), 0)"
                        + " from " + orders + " where verdict is null");
        if (anomalies[0] > 0) {
            rejected += resolveSeveralCustomers();
        }
        if (sumsMayOverflow) {
            rejected += rejectOversizedOrders();
        }
        if (anomalies[0] > 0 || anomalies[1] > 0) {
            ensureLookupIndexes();
            update("update " + orders + " o set channel = (select l.channel from " + lines + " l"
                    + " where l.order_ext = o.order_ext and l.customer_ext = o.customer_ext"
                    + " and l.channel is not null order by l.line_no fetch first 1 rows only)"
                    + " where o.verdict is null and o.channel <> o.channel_max");
        }

        mergingStarts.run();
        long newOrders;
        long importedLines;
        long duplicateLines;
        String insertCustomers = "insert into " + customers
                + " (customer_ext, first_seen, name_min, name_max, email_min, email_max) select "
                + key("l.customer_ext") + ", "
                + customerAggregates("l.") + " from " + lines + " l";
        if (ordersSetAside == 0) {
            // the common case: every staged line makes part of a new order
            newOrders = orderCount;
            importedLines = stagedLines;
            duplicateLines = 0;
            aggregateCustomers(insertCustomers + " group by " + key("l.customer_ext"), stagedRows);
        } else {
            long[] lineCounts = queryLongs("select coalesce(sum(case when verdict is null then 1 else 0 end), 0),"
                    + " coalesce(sum(case when verdict is null then line_count else 0 end), 0),"
                    + " coalesce(sum(case when verdict = 'D' then line_count else 0 end), 0) from " + orders);
            newOrders = lineCounts[0];
            importedLines = lineCounts[1];
            duplicateLines = lineCounts[2] + duplicateLinesOfClashes;
            aggregateCustomers(
                    orders.equals(lines)
                            ? insertCustomers + " where l.verdict is null group by " + key("l.customer_ext")
                            : insertCustomers + " join " + orders + " o on o.order_ext = l.order_ext"
                                    + " and o.customer_ext = l.customer_ext where o.verdict is null"
                                    + " group by " + key("l.customer_ext"),
                    stagedRows);
        }
        firstValueWhereLinesDiffer(Column.CUSTOMER_NAME, "customer_name", "name_min", "name_max");
        firstValueWhereLinesDiffer(Column.CUSTOMER_EMAIL, "customer_email", "email_min", "email_max");

        long customersCreated = update(
                "insert into customer (external_id, name, email, first_seen, created_at)"
                        + " select c.customer_ext, c.name_min, c.email_min, c.first_seen, ? from " + customers + " c"
                        + " where not exists (select 1 from customer x where x.external_id = c.customer_ext)",
                startedAt);
        update("update customer set first_seen = (select c.first_seen from " + customers + " c"
                + " where c.customer_ext = customer.external_id) where exists (select 1 from " + customers + " c"
                + " where c.customer_ext = customer.external_id and c.first_seen < customer.first_seen)");

        DeferredIndexes deferred = dialect == Dialect.POSTGRESQL && worthDeferringIndexes(newOrders)
                ? DeferredIndexes.drop(connection, "customer_order")
                : DeferredIndexes.NONE;
        long ordersCreated = update(
                "insert into customer_order (external_id, customer_id, order_date, ordered_at, amount, quantity,"
                        + " channel, import_id) select o.order_ext, c.id, cast(o.ordered_at as date), o.ordered_at,"
                        + " o.amount, o.quantity, o.channel, ? from " + orders + " o"
                        + " join customer c on c.external_id = o.customer_ext where o.verdict is null",
                importId);
        OrderTotals.addNewOrders(connection, orders);
        long restoreStart = System.nanoTime();
        deferred.restore();
        logStep("indexes restored", restoreStart, 0);

        if (dialect == Dialect.GENERIC) {
            clearWorkTables();
        }
        return new Outcome(importedLines, duplicateLines, rejected, ordersCreated, customersCreated);
    }

    /**
     * One row per order: the lines added up. On PostgreSQL by sorting: with millions of distinct order ids a
     * hash aggregate spills to disk in hundreds of batches, and a larger {@code work_mem} made it slower still
     * on the measured machine; the sort needs no statistics on the freshly loaded lines either.
     */
    private long aggregateOrders() throws SQLException {
        String aggregate = "insert into " + orders + " (order_ext, first_line, line_count, customer_ext,"
                + " customer_max, ordered_at, amount, quantity, channel, channel_max)"
                + " select " + key("order_ext") + ", min(line_no), sum(line_count), " + lineAggregates("") + " from "
                + lines + " group by " + key("order_ext");
        return sortedAggregate(aggregate);
    }

    /**
     * A grouping key: on PostgreSQL in the byte-wise "C" collation, which groups exactly as the database's
     * collation does (equality is the same) but sorts by memcmp with abbreviated keys instead of strcoll.
     */
    private String key(String column) {
        return dialect == Dialect.POSTGRESQL ? column + " collate \"C\"" : column;
    }

    /**
     * The file's customers. Hashing suits some hundred thousand customers (1 M lines: 0.8–2.2 s hashed against
     * 1.4–1.5 s sorted, at load 9–10, i.e. no clear difference); with millions of customers the hash table
     * spilled to disk in hundreds of batches (10 M lines: 39 s), so big files are grouped by sorting in the "C"
     * collation.
     */
    private long aggregateCustomers(String sql, long stagedRows) throws SQLException {
        return stagedRows >= SORT_CUSTOMERS_FROM_ROWS ? sortedAggregate(sql) : update(sql);
    }

    /** Runs an aggregating insert; on PostgreSQL by sorting rather than by a spilling hash table. */
    private long sortedAggregate(String sql) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            return update(sql);
        }
        try (Statement s = connection.createStatement()) {
            s.execute("set local enable_hashagg = off");
            long rows = update(sql);
            s.execute("set local enable_hashagg = on"); // SET LOCAL ends with the transaction anyway
            return rows;
        }
    }

    /**
     * Orders already stored: all lines duplicates when the customer matches (verdict D); else line by line
     * (verdict X). Returns the lines rejected.
     */
    private long checkStoredOrders() throws SQLException {
        if (queryLongs("select count(*) from (select 1 from customer_order fetch first 1 rows only) x")[0] == 0) {
            return 0; // nothing stored yet (H2 took seconds to find that out order by order)
        }
        long clashing;
        if (dialect == Dialect.POSTGRESQL) {
            // one join, which the planner sizes right (a filter comparing two columns it would guess at 0.5 %)
            long stored = update("update " + orders + " o set verdict = case when o.customer_ext = o." + customerMax
                    + " and c.external_id = o.customer_ext then 'D' else 'X' end"
                    + " from customer_order co join customer c on c.id = co.customer_id"
                    + " where co.external_id = o.order_ext");
            ordersSetAside += stored;
            clashing = stored == 0 ? 0 : queryLongs("select count(*) from " + orders + " where verdict = 'X'")[0];
        } else {
            ordersSetAside += update("update " + orders + " o set verdict = 'D' where o.customer_ext = o." + customerMax
                    + " and exists (select 1 from customer_order co join customer c on c.id = co.customer_id"
                    + " where co.external_id = o.order_ext and c.external_id = o.customer_ext)");
            clashing = update("update " + orders + " o set verdict = 'X' where o.verdict is null and exists"
                    + " (select 1 from customer_order co where co.external_id = o.order_ext)");
            ordersSetAside += clashing;
        }
        if (clashing == 0) {
            return 0;
        }
        ensureLookupIndexes();
        String storedLines = " from " + orders + " o join " + lines + " l on l.order_ext = o.order_ext"
                + " join customer_order co on co.external_id = o.order_ext join customer c on c.id = co.customer_id"
                + " where o.verdict = 'X'";
        duplicateLinesOfClashes = queryLongs(
                "select coalesce(sum(l.line_count), 0)" + storedLines + " and l.customer_ext = c.external_id")[0];
        return rejectLines("select l.line_no, l.line_count, 'customer_id', 'order_id ''' || l.order_ext"
                + " || ''' is already stored for customer_id ''' || c.external_id || ''''"
                + storedLines + " and l.customer_ext <> c.external_id");
    }

    /**
     * New orders whose lines name several customers: the first line's customer keeps the order, the other
     * lines are rejected and the sums are taken again. Returns the lines rejected.
     */
    private long resolveSeveralCustomers() throws SQLException {
        ensureLookupIndexes();
        ordersSetAside += update(
                "update " + orders + " set verdict = 'M' where verdict is null and customer_ext <> customer_max");
        update("update " + orders + " o set customer_ext = (select l.customer_ext from " + lines + " l"
                + " where l.order_ext = o.order_ext and l.line_no = o.first_line) where o.verdict = 'M'");
        long rejected = rejectLines("select l.line_no, l.line_count, 'customer_id', 'order_id ''' || l.order_ext"
                + " || ''' was given for customer_id ''' || o.customer_ext || ''' on line '"
                + " || cast(o.first_line as varchar(20))"
                + " from " + orders + " o join " + lines + " l on l.order_ext = o.order_ext"
                + " where o.verdict = 'M' and l.customer_ext <> o.customer_ext");
        update("update " + orders
                + " o set (line_count, customer_ext, customer_max, ordered_at, amount, quantity, channel,"
                + " channel_max) = (select sum(l.line_count), "
                + lineAggregates("l.") + " from " + lines + " l"
                + " where l.order_ext = o.order_ext and l.customer_ext = o.customer_ext)"
                + " where o.verdict = 'M'");
        update("update " + orders + " set verdict = null where verdict = 'M'");
        return rejected;
    }

    /** Orders whose lines add up beyond what the columns hold are rejected whole. Returns the lines rejected. */
    private long rejectOversizedOrders() throws SQLException {
        long oversized = update("update " + orders + " set verdict = case when amount >= 1000000000000000"
                + " or amount <= -1000000000000000 then 'A' else 'Q' end"
                + " where verdict is null and (amount >= 1000000000000000 or amount <= -1000000000000000"
                + " or quantity > 2147483647 or quantity < -2147483648)");
        if (oversized == 0) {
            return 0;
        }
        ordersSetAside += oversized;
        ensureLookupIndexes();
        return rejectLines("select l.line_no, l.line_count, case when o.verdict = 'A' then 'amount' else 'quantity'"
                + " end, 'the item lines of order_id ''' || l.order_ext || ''' add up to '"
                + " || case when o.verdict = 'A' then 'an amount' else 'a quantity' end || ' too large to store'"
                + " from " + orders + " o join " + lines + " l on l.order_ext = o.order_ext"
                + " and l.customer_ext = o.customer_ext where o.verdict in ('A', 'Q')");
    }

    /**
     * Whether to insert the new orders without the secondary indexes and foreign key of {@code
     * customer_order} and build them again afterwards, PostgreSQL's advice for bulk loading: one index build
     * sorts once, while maintaining three indexes and checking the foreign key row by row costs about four
     * times as much per row. The build covers the whole table and the table stays locked against readers
     * until the import commits, so only when the import is big against the table: at least {@value
     * DeferredIndexes#MIN_ROWS} new orders and fewer than twice as many already stored.
     */
    private boolean worthDeferringIndexes(long newOrders) throws SQLException {
        if (newOrders < DeferredIndexes.MIN_ROWS) {
            return false;
        }
        long limit = 2 * newOrders;
        long existing = queryLongs(
                "select count(*) from (select 1 from customer_order fetch first " + limit + " rows only) x")[0];
        return existing < limit;
    }

    /**
     * The aggregates of an order's lines after {@code count(*)}: customer_ext, customer_max, ordered_at,
     * amount, quantity, channel, channel_max. Columns the file does not have are not aggregated.
     */
    private String lineAggregates(String prefix) {
        return minMax(prefix + "customer_ext") + ", min(" + prefix + "ordered_at), sum(" + prefix + "amount), "
                + (layout.has(Column.QUANTITY) ? "sum(" + prefix + "quantity)" : "cast(null as bigint)") + ", "
                + (layout.has(Column.CHANNEL) ? minMax(prefix + "channel") : nulls(40));
    }

    /** The aggregates of a customer's lines: first_seen, name_min, name_max, email_min, email_max. */
    private String customerAggregates(String prefix) {
        return "cast(min(" + prefix + "ordered_at) as date), "
                + (layout.has(Column.CUSTOMER_NAME) ? minMax(prefix + "customer_name") : nulls(200)) + ", "
                + (layout.has(Column.CUSTOMER_EMAIL) ? minMax(prefix + "customer_email") : nulls(254));
    }

    /**
     * {@code min(x), max(x)}: only ever compared for equality, so on PostgreSQL the byte-wise "C" collation
     * spares the locale's costly comparisons.
     */
    private String minMax(String column) {
        String collated = dialect == Dialect.POSTGRESQL ? column + " collate \"C\"" : column;
        return "min(" + collated + "), max(" + collated + ")";
    }

    private static String nulls(int length) {
        return "cast(null as varchar(" + length + ")), cast(null as varchar(" + length + "))";
    }

    /** Where the lines of one customer give different values, the first line's value in file order wins. */
    private void firstValueWhereLinesDiffer(Column column, String lineColumn, String minColumn, String maxColumn)
            throws SQLException {
        if (!layout.has(column)
                || queryLongs("select count(*) from " + customers + " where " + minColumn + " <> " + maxColumn)[0]
                        == 0) {
            return;
        }
        ensureLookupIndexes();
        update("update " + customers + " c set " + minColumn + " = (select l." + lineColumn + " from " + orders + " o"
                + " join " + lines + " l on l.order_ext = o.order_ext and l.customer_ext = o.customer_ext"
                + " where o.customer_ext = c.customer_ext and o.verdict is null and l." + lineColumn + " is not null"
                + " order by l.line_no fetch first 1 rows only) where c." + minColumn + " <> c." + maxColumn);
    }

    /** Indexes for single-line look-ups; the V2 tables have them, PostgreSQL's are built on first need. */
    private void ensureLookupIndexes() throws SQLException {
        if (dialect != Dialect.POSTGRESQL || lookupIndexes) {
            return;
        }
        lookupIndexes = true;
        try (Statement s = connection.createStatement()) {
            s.execute("create index on " + lines + " (order_ext, line_no)");
            if (orders.equals(lines)) {
                s.execute("create index on " + lines + " (customer_ext)");
            } else {
                s.execute("create unique index on " + orders + " (order_ext)");
                s.execute("create index on " + orders + " (customer_ext)");
                s.execute("analyze " + orders);
            }
            s.execute("analyze " + lines);
        }
    }

    /**
     * Whether each staged row is a whole order: no order id was staged twice. The ids the merger could not
     * rule out are counted exactly: each was staged at least once, so none repeats when the rows holding them
     * are as many as the ids.
     */
    private boolean rowsAreOrders(Set<String> possiblyRepeated) throws SQLException {
        if (possiblyRepeated == null) {
            return false;
        }
        if (possiblyRepeated.isEmpty()) {
            return true;
        }
        long start = System.nanoTime();
        try (PreparedStatement query =
                connection.prepareStatement("select count(*) from " + lines + " where order_ext = any (?)")) {
            query.setArray(1, connection.createArrayOf("varchar", possiblyRepeated.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                logStep("rows of " + possiblyRepeated.size() + " possibly repeated order ids", start, rows);
                return rows == possiblyRepeated.size();
            }
        }
    }

    /**
     * Rejects every line of the staged rows that {@code select} finds; it yields the row's {@code line_no},
     * {@code line_count}, the column and the message. Returns the lines rejected.
     */
    private long rejectLines(String select) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            return update(
                    "insert into import_rejection (import_id, line_no, column_name, message) select ?, g.n, x.c, x.m"
                            + " from (" + select + ") x (s, k, c, m)"
                            + " cross join lateral generate_series(x.s, x.s + x.k - 1) g (n)",
                    importId);
        }
        long start = System.nanoTime();
        long rejected = 0;
        try (Statement query = connection.createStatement();
                ResultSet rs = query.executeQuery(select);
                PreparedStatement insert = connection.prepareStatement(
                        "insert into import_rejection (import_id, line_no, column_name, message) values (?, ?, ?, ?)")) {
            int pending = 0;
            while (rs.next()) {
                long first = rs.getLong(1);
                int count = rs.getInt(2);
                for (long line = first; line < first + count; line++) {
                    insert.setLong(1, importId);
                    insert.setLong(2, line);
                    insert.setString(3, rs.getString(3));
                    insert.setString(4, HeaderLayout.shorten(rs.getString(4), 500));
                    insert.addBatch();
                    rejected++;
                    if (++pending == 2_000) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
        logStep(select, start, rejected);
        return rejected;
    }

    /**
     * Gives PostgreSQL statistics on a freshly filled work table (autovacuum never sees temporary tables):
     * without them it takes a table of a million rows for a few hundred and picks nested loops.
     */
    private void analyze(String table) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            long start = System.nanoTime();
            try (Statement s = connection.createStatement()) {
                s.execute("analyze " + table);
            }
            logStep("analyze " + table, start, 0);
        }
    }

    private long update(String sql, Object... parameters) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            long rows = statement.executeLargeUpdate();
            logStep(sql, start, rows);
            return rows;
        }
    }

    /** The first row of a query whose columns are numbers. */
    private long[] queryLongs(String sql) throws SQLException {
        long start = System.nanoTime();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long[] values = new long[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getLong(i + 1);
            }
            logStep(sql, start, values[0]);
            return values;
        }
    }

    /** Logs the duration of each statement at DEBUG level, for tuning. */
    private static void logStep(String what, long startNanos, long rows) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(
                    Level.DEBUG,
                    String.format("%6d ms %,11d rows  %s", (System.nanoTime() - startNanos) / 1_000_000, rows, what));
        }
    }
}
