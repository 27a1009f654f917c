package dev.rfm.domain.ingest;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;

/**
 * The set-based half of an import: from the staged lines to new customers and orders, in the import's
 * transaction.
 *
 * <p>Three work tables: the lines ({@code L}, one per good CSV line), the orders ({@code O}, one per
 * {@code order_id}: item lines added up) and the customers ({@code C}). On PostgreSQL they are temporary
 * tables created here ({@code ON COMMIT DROP}, without indexes while loading); elsewhere the {@code
 * import_staging_*} tables of migration V2, emptied before commit.
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
 *   <li>an order not yet stored whose lines name several customers (verdict {@code M}): the first line
 *       decides the customer, lines naming another one are rejected ("was given for customer_id ... on line
 *       ..."), the rest is imported;
 *   <li>an order whose lines add up beyond the column range (amount 15 digits before the point, quantity
 *       a 32-bit integer) is rejected as a whole (verdicts {@code A}, {@code Q});
 *   <li>the remaining orders (verdict {@code null}) are imported; their customers are created when new,
 *       with {@code first_seen} = the date of their earliest imported order and name and e-mail from the first
 *       line that gives them; a known customer keeps name and e-mail, and its {@code first_seen} moves back
 *       when the file holds an earlier order.
 * </ol>
 *
 * <p>Lines that need a look at the single line (rare: clashes, differing channels or names) use indexes
 * that PostgreSQL builds only when such lines exist.
 */
final class StagedMerge {

    private static final System.Logger LOG = System.getLogger(StagedMerge.class.getName());

    /** How the database is driven. */
    enum Dialect {
        /** Temporary work tables, COPY, statistics after loading. */
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
    private final String orders;
    private final String customers;
    private boolean lookupIndexes;

    private StagedMerge(Connection connection, Dialect dialect, long importId, HeaderLayout layout) {
        this.connection = connection;
        this.dialect = dialect;
        this.importId = importId;
        this.layout = layout;
        boolean pg = dialect == Dialect.POSTGRESQL;
        this.lines = pg ? "tmp_import_line" : "import_staging_line";
        this.orders = pg ? "tmp_import_order" : "import_staging_order";
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
            // hash aggregates over millions of lines: give them room instead of spilling to disk
            s.execute("set local work_mem = '64MB'");
            s.execute("drop table if exists " + lines + ", " + orders + ", " + customers);
            s.execute("create temporary table " + lines + " ("
                    + "line_no bigint not null, customer_ext varchar(64) not null, order_ext varchar(64) not null,"
                    + " ordered_at timestamp not null, amount numeric(19, 4) not null, quantity integer,"
                    + " channel varchar(40), customer_name varchar(200), customer_email varchar(254)"
                    + ") on commit drop");
            s.execute("create temporary table " + orders + " ("
                    + "order_ext varchar(64) not null, first_line bigint not null, line_count bigint not null,"
                    + " customer_ext varchar(64) not null, customer_max varchar(64) not null,"
                    + " ordered_at timestamp not null, amount numeric(38, 4) not null, quantity bigint,"
                    + " channel varchar(40), channel_max varchar(40), name_min varchar(200), name_max varchar(200),"
                    + " email_min varchar(254), email_max varchar(254), verdict varchar(1)"
                    + ") on commit drop");
            s.execute("create temporary table " + customers + " ("
                    + "customer_ext varchar(64) not null primary key, first_seen date not null,"
                    + " name_min varchar(200), name_max varchar(200), email_min varchar(254), email_max varchar(254)"
                    + ") on commit drop");
        }
    }

    private void clearWorkTables() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("delete from " + customers);
            s.executeUpdate("delete from " + orders);
            s.executeUpdate("delete from " + lines);
        }
    }

    /**
     * Runs the merge over the staged lines.
     *
     * @param rejectedWhileReading lines already rejected (and stored) while reading
     * @param startedAt the {@code created_at} of new customers
     */
    Outcome run(long rejectedWhileReading, LocalDateTime startedAt, Runnable mergingStarts) throws SQLException {
        analyze(lines);
        update("insert into " + orders + " (order_ext, first_line, line_count, customer_ext, customer_max,"
                + " ordered_at, amount, quantity, channel, channel_max, name_min, name_max, email_min, email_max)"
                + " select order_ext, min(line_no), count(*), " + lineAggregates("") + " from " + lines
                + " group by order_ext");
        analyze(orders);

        long rejected = rejectedWhileReading;
        long duplicateLines = 0;

        update("update " + orders + " o set verdict = 'D' where o.customer_ext = o.customer_max and exists"
                + " (select 1 from customer_order co join customer c on c.id = co.customer_id"
                + " where co.external_id = o.order_ext and c.external_id = o.customer_ext)");
        if (update("update " + orders + " o set verdict = 'X' where o.verdict is null and exists"
                        + " (select 1 from customer_order co where co.external_id = o.order_ext)")
                > 0) {
            ensureLookupIndexes();
            rejected += update(
                    "insert into import_rejection (import_id, line_no, column_name, message)"
                            + " select ?, l.line_no, 'customer_id', 'order_id ''' || l.order_ext"
                            + " || ''' is already stored for customer_id ''' || c.external_id || ''''"
                            + " from " + orders + " o join " + lines + " l on l.order_ext = o.order_ext"
                            + " join customer_order co on co.external_id = o.order_ext"
                            + " join customer c on c.id = co.customer_id"
                            + " where o.verdict = 'X' and l.customer_ext <> c.external_id",
                    importId);
            duplicateLines += queryLong("select count(*) from " + orders + " o join " + lines
                    + " l on l.order_ext = o.order_ext join customer_order co on co.external_id = o.order_ext"
                    + " join customer c on c.id = co.customer_id"
                    + " where o.verdict = 'X' and l.customer_ext = c.external_id");
        }
        if (update("update " + orders + " set verdict = 'M' where verdict is null and customer_ext <> customer_max")
                > 0) {
            ensureLookupIndexes();
            update("update " + orders + " o set customer_ext = (select l.customer_ext from " + lines + " l"
                    + " where l.order_ext = o.order_ext and l.line_no = o.first_line) where o.verdict = 'M'");
            rejected += update(
                    "insert into import_rejection (import_id, line_no, column_name, message)"
                            + " select ?, l.line_no, 'customer_id', 'order_id ''' || l.order_ext"
                            + " || ''' was given for customer_id ''' || o.customer_ext || ''' on line '"
                            + " || cast(o.first_line as varchar(20))"
                            + " from " + orders + " o join " + lines + " l on l.order_ext = o.order_ext"
                            + " where o.verdict = 'M' and l.customer_ext <> o.customer_ext",
                    importId);
            update("update " + orders
                    + " o set (line_count, customer_ext, customer_max, ordered_at, amount, quantity, channel,"
                    + " channel_max, name_min, name_max, email_min, email_max) = (select count(*), "
                    + lineAggregates("l.") + " from " + lines + " l"
                    + " where l.order_ext = o.order_ext and l.customer_ext = o.customer_ext)"
                    + " where o.verdict = 'M'");
            update("update " + orders + " set verdict = null where verdict = 'M'");
        }
        if (update("update " + orders + " set verdict = case when amount >= 1000000000000000"
                        + " or amount <= -1000000000000000 then 'A' else 'Q' end"
                        + " where verdict is null and (amount >= 1000000000000000 or amount <= -1000000000000000"
                        + " or quantity > 2147483647 or quantity < -2147483648)")
                > 0) {
            ensureLookupIndexes();
            rejected += update(
                    "insert into import_rejection (import_id, line_no, column_name, message)"
                            + " select ?, l.line_no, case when o.verdict = 'A' then 'amount' else 'quantity' end,"
                            + " 'the item lines of order_id ''' || l.order_ext || ''' add up to '"
                            + " || case when o.verdict = 'A' then 'an amount' else 'a quantity' end"
                            + " || ' too large to store'"
                            + " from " + orders + " o join " + lines + " l on l.order_ext = o.order_ext"
                            + " and l.customer_ext = o.customer_ext where o.verdict in ('A', 'Q')",
                    importId);
        }
        if (layout.has(Column.CHANNEL)
                && queryLong("select count(*) from " + orders + " where verdict is null and channel <> channel_max")
                        > 0) {
            ensureLookupIndexes();
            update("update " + orders + " o set channel = (select l.channel from " + lines + " l"
                    + " where l.order_ext = o.order_ext and l.customer_ext = o.customer_ext"
                    + " and l.channel is not null order by l.line_no fetch first 1 rows only)"
                    + " where o.verdict is null and o.channel <> o.channel_max");
        }

        mergingStarts.run();
        update("insert into " + customers + " (customer_ext, first_seen, name_min, name_max, email_min, email_max)"
                + " select customer_ext, cast(min(ordered_at) as date), min(name_min), max(name_max), min(email_min),"
                + " max(email_max) from " + orders + " where verdict is null group by customer_ext");
        analyze(customers);
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
        long ordersCreated = update(
                "insert into customer_order (external_id, customer_id, order_date, ordered_at, amount, quantity,"
                        + " channel, import_id) select o.order_ext, c.id, cast(o.ordered_at as date), o.ordered_at,"
                        + " o.amount, o.quantity, o.channel, ? from " + orders + " o"
                        + " join customer c on c.external_id = o.customer_ext where o.verdict is null",
                importId);

        long importedLines;
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(sum(case when verdict is null then line_count end), 0),"
                        + " coalesce(sum(case when verdict = 'D' then line_count end), 0) from " + orders)) {
            rs.next();
            importedLines = rs.getLong(1);
            duplicateLines += rs.getLong(2);
        }
        if (dialect == Dialect.GENERIC) {
            clearWorkTables();
        }
        return new Outcome(importedLines, duplicateLines, rejected, ordersCreated, customersCreated);
    }

    /**
     * The aggregates of an order's lines after {@code count(*)}: customer_ext, customer_max, ordered_at,
     * amount, quantity, channel, channel_max, name_min, name_max, email_min, email_max. Columns the file
     * does not have are not aggregated.
     */
    private String lineAggregates(String prefix) {
        String c = prefix + "customer_ext";
        return minMax(c) + ", min(" + prefix + "ordered_at), sum(" + prefix + "amount), "
                + (layout.has(Column.QUANTITY) ? "sum(" + prefix + "quantity)" : "cast(null as bigint)") + ", "
                + (layout.has(Column.CHANNEL) ? minMax(prefix + "channel") : nulls(40)) + ", "
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
                || queryLong("select count(*) from " + customers + " where " + minColumn + " <> " + maxColumn) == 0) {
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
            s.execute("create unique index on " + orders + " (order_ext)");
            s.execute("create index on " + orders + " (customer_ext)");
            s.execute("analyze " + lines);
            s.execute("analyze " + orders);
        }
    }

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

    private long queryLong(String sql) throws SQLException {
        long start = System.nanoTime();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long value = rs.getLong(1);
            logStep(sql, start, value);
            return value;
        }
    }

    private static void logStep(String sql, long startNanos, long rows) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(
                    Level.DEBUG,
                    String.format("%6d ms %,10d rows  %s", (System.nanoTime() - startNanos) / 1_000_000, rows, sql));
        }
    }
}
