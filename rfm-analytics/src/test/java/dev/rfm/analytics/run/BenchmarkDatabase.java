package dev.rfm.analytics.run;

import dev.rfm.domain.testing.TestDatabases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The benchmark's PostgreSQL: an embedded PostgreSQL 14 (zonky, as {@code TestDatabases.postgres()}) whose data
 * directory is kept between runs, with the product's schema, loaded once per data set with {@link SyntheticOrders}.
 *
 * <p>Orders are stored in date order, as years of imports leave them (each import appends a period's orders), not
 * grouped by customer: a per-customer scan then has to sort or jump around the table, as it would in production.
 * Loading bypasses the importer (the benchmark measures scoring): customers and orders go in with {@code COPY ...
 * FREEZE} into freshly truncated tables without secondary indexes, the product's indexes and constraints are then
 * rebuilt under their own names, and the tables are analysed.
 */
final class BenchmarkDatabase implements AutoCloseable {

    /** Server settings: a small, sensibly tuned server; each can be overridden with {@code -Dpg.<name>=<value>}. */
    static Map<String, String> serverSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("shared_buffers", "1GB");
        settings.put("work_mem", "64MB");
        settings.put("maintenance_work_mem", "1GB");
        settings.put("max_wal_size", "8GB");
        settings.put("effective_cache_size", "8GB");
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("pg.")) settings.put(name.substring(3), System.getProperty(name));
        }
        return settings;
    }

    private final EmbeddedPostgres server;
    private final DataSource dataSource;
    private final Map<String, String> settings;

    private BenchmarkDatabase(EmbeddedPostgres server, DataSource dataSource, Map<String, String> settings) {
        this.server = server;
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** Starts (and on first use creates) the server in {@code directory} with the product's schema. */
    static BenchmarkDatabase start(Path directory) throws IOException, SQLException {
        Files.createDirectories(directory);
        Map<String, String> settings = serverSettings();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(java.time.Duration.ofMinutes(5));
        settings.forEach(builder::setServerConfig);
        EmbeddedPostgres server = builder.start();
        try (Connection c = server.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select 1 from pg_database where datname = 'rfm_bench'")) {
            if (!rs.next()) s.execute("create database rfm_bench");
        }
        DataSource database = server.getDatabase("postgres", "rfm_bench");
        // The kept directory is a cache of generated data: accept migrations edited since it was made (repair
        // records their new checksums) rather than regenerate gigabytes of orders.
        dev.rfm.domain.database.SchemaMigration.flyway(database).repair();
        DataSource dataSource = TestDatabases.migrate(database);
        return new BenchmarkDatabase(server, dataSource, settings);
    }

    int port() {
        return server.getPort();
    }

    DataSource dataSource() {
        return dataSource;
    }

    Map<String, String> settings() {
        return settings;
    }

    String version() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select version()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Bytes the database takes on disk. */
    long size() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Load times in milliseconds, or {@code null} fields when the data set was already there. */
    record LoadTimes(long generateAndCopyMillis, long indexMillis, long analyzeMillis, boolean reused) {
        long totalMillis() {
            return generateAndCopyMillis + indexMillis + analyzeMillis;
        }
    }

    /** Loads {@code data} unless this database already holds exactly that data set. */
    LoadTimes load(SyntheticOrders data, long seed, Path scratch) throws Exception {
        String key = "seed=" + seed + "; customers=" + data.customers() + "; orders=" + data.orders()
                + "; layout=date; generator=1";
        if (key.equals(loadedDataSet())) {
            BenchmarkLog.line("data set already loaded (" + key + ")");
            return new LoadTimes(0, 0, 0, true);
        }
        BenchmarkLog.line("loading " + key);
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists bench_data_set");
                s.execute("update current_snapshot set run_id = null");
                s.execute("update app_lock set holder = null, acquired_at = null");
                s.execute("truncate customer_score, segment_summary, segment_migration, scoring_run,"
                        + " customer_order, customer");
                s.execute("alter table customer_order drop constraint if exists fk_customer_order_customer");
                s.execute("alter table customer_order drop constraint if exists uk_customer_order_external_id");
                s.execute("alter table customer_order drop constraint if exists customer_order_pkey");
                s.execute("drop index if exists ix_customer_order_customer_date");
                s.execute("drop index if exists ix_customer_order_date");
                s.execute("alter table customer drop constraint if exists uk_customer_external_id");
            }
            copyRows(c, data, scratch);
            c.commit();
        }
        long t1 = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String ddl : new String[] {
                "alter table customer add constraint uk_customer_external_id unique (external_id)",
                "alter table customer_order add constraint customer_order_pkey primary key (id)",
                "alter table customer_order add constraint uk_customer_order_external_id unique (external_id)",
                "create index ix_customer_order_customer_date on customer_order (customer_id, order_date)",
                "create index ix_customer_order_date on customer_order (order_date)",
                "alter table customer_order add constraint fk_customer_order_customer"
                        + " foreign key (customer_id) references customer (id)",
                "alter table customer alter column id restart with " + (data.customers() + 1L),
                "alter table customer_order alter column id restart with " + (data.orders() + 1L)
            }) {
                long t = System.nanoTime();
                s.execute(ddl);
                BenchmarkLog.line(String.format("  %6.1f s  %s", (System.nanoTime() - t) / 1e9, ddl));
            }
        }
        long t2 = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("vacuum analyze customer");
            s.execute("vacuum analyze customer_order");
            s.execute("checkpoint");
            s.execute("create table bench_data_set (data_set varchar(200) not null)");
            s.execute("insert into bench_data_set values ('" + key + "')");
        }
        long t3 = System.nanoTime();
        return new LoadTimes((t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, false);
    }

    private String loadedDataSet() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select to_regclass('bench_data_set') is not null")) {
            rs.next();
            if (!rs.getBoolean(1)) return null;
        }
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select data_set from bench_data_set")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Customers go straight into COPY; orders go to one scratch file per month first, and each month is then sorted
     * by date and time and copied, so that the table ends up in date order with order ids ascending in time.
     */
    private static void copyRows(Connection c, SyntheticOrders data, Path scratch) throws Exception {
        Files.createDirectories(scratch);
        PGConnection pg = c.unwrap(PGConnection.class);
        YearMonth firstMonth = YearMonth.from(SyntheticOrders.FIRST_DAY);
        int months = (int)
                firstMonth.until(YearMonth.from(SyntheticOrders.REFERENCE_DATE), java.time.temporal.ChronoUnit.MONTHS);
        int[] monthOfDay = new int[SyntheticOrders.SPAN_DAYS];
        String[] dayText = new String[SyntheticOrders.SPAN_DAYS];
        for (int d = 0; d < SyntheticOrders.SPAN_DAYS; d++) {
            LocalDate date = SyntheticOrders.FIRST_DAY.plusDays(d);
            monthOfDay[d] = (int) firstMonth.until(YearMonth.from(date), java.time.temporal.ChronoUnit.MONTHS);
            dayText[d] = date.toString();
        }
        DataOutputStream[] files = new DataOutputStream[months];
        int[] counts = new int[months];
        for (int m = 0; m < months; m++) {
            files[m] = new DataOutputStream(
                    new BufferedOutputStream(Files.newOutputStream(scratch.resolve("orders-" + m + ".bin")), 1 << 16));
        }
        CopyIn customers =
                pg.getCopyAPI().copyIn("copy customer (id, external_id, first_seen, created_at) from stdin freeze");
        CopyText customerRows = new CopyText(customers);
        long started = System.nanoTime();
        data.generate(new SyntheticOrders.Sink() {
            @Override
            public void customer(long customerId, int firstDay) throws Exception {
                customerRows
                        .number(customerId)
                        .tab()
                        .text("C")
                        .number(customerId)
                        .tab();
                customerRows
                        .text(dayText[firstDay])
                        .tab()
                        .text(dayText[firstDay])
                        .text(" 00:00:00")
                        .newline();
            }

            @Override
            public void order(long customerId, int day, int minuteOfDay, long cents, int quantity, int channel)
                    throws IOException {
                int m = monthOfDay[day];
                DataOutputStream out = files[m];
                out.writeLong(customerId);
                out.writeShort(day);
                out.writeShort(minuteOfDay);
                out.writeLong(cents);
                out.writeByte(quantity);
                out.writeByte(channel);
                counts[m]++;
            }
        });
        customerRows.finish();
        for (DataOutputStream f : files) f.close();
        BenchmarkLog.line(String.format(
                "  %6.1f s  generated %,d customers (copied) and %,d orders (in %d month files)",
                (System.nanoTime() - started) / 1e9, data.customers(), data.orders(), months));
        String[] channels = {"web", "store", "app"};
        CopyIn orders = pg.getCopyAPI()
                .copyIn("copy customer_order (id, external_id, customer_id, order_date, ordered_at, amount, quantity,"
                        + " channel) from stdin freeze");
        CopyText orderRows = new CopyText(orders);
        long orderId = 0;
        for (int m = 0; m < months; m++) {
            Path file = scratch.resolve("orders-" + m + ".bin");
            int n = counts[m];
            long[] customer = new long[n];
            short[] day = new short[n];
            short[] minute = new short[n];
            long[] cents = new long[n];
            byte[] quantity = new byte[n];
            byte[] channel = new byte[n];
            long[] keys = new long[n];
            try (DataInputStream in =
                    new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                for (int i = 0; i < n; i++) {
                    customer[i] = in.readLong();
                    day[i] = in.readShort();
                    minute[i] = in.readShort();
                    cents[i] = in.readLong();
                    quantity[i] = in.readByte();
                    channel[i] = in.readByte();
                    keys[i] = ((long) day[i] << 42) | ((long) minute[i] << 31) | i;
                }
            }
            Files.delete(file);
            Arrays.sort(keys);
            for (long k : keys) {
                int i = (int) (k & 0x7FFF_FFFFL);
                orderId++;
                orderRows.number(orderId).tab().text("O").number(orderId).tab();
                orderRows.number(customer[i]).tab().text(dayText[day[i]]).tab();
                orderRows
                        .text(dayText[day[i]])
                        .text(" ")
                        .twoDigits(minute[i] / 60)
                        .text(":");
                orderRows.twoDigits(minute[i] % 60).text(":00").tab();
                orderRows.cents(cents[i]).tab().number(quantity[i]).tab().text(channels[channel[i]]);
                orderRows.newline();
            }
            BenchmarkLog.progress(String.format(
                    "  copied month %d/%d (%,d orders so far, %.0f s)",
                    m + 1, months, orderId, (System.nanoTime() - started) / 1e9));
        }
        orderRows.finish();
        BenchmarkLog.line(String.format(
                "  %6.1f s  copied %,d orders in date order", (System.nanoTime() - started) / 1e9, orderId));
    }

    /** COPY text rows built as ASCII bytes and sent in 1 MiB chunks. */
    private static final class CopyText {
        private final CopyIn copy;
        private final byte[] buffer = new byte[1 << 20];
        private int length;

        CopyText(CopyIn copy) {
            this.copy = copy;
        }

        CopyText text(String s) throws SQLException {
            for (int i = 0; i < s.length(); i++) put((byte) s.charAt(i));
            return this;
        }

        CopyText number(long v) throws SQLException {
            return text(Long.toString(v));
        }

        CopyText twoDigits(int v) throws SQLException {
            put((byte) ('0' + v / 10));
            put((byte) ('0' + v % 10));
            return this;
        }

        CopyText cents(long cents) throws SQLException {
            if (cents < 0) put((byte) '-');
            long abs = Math.abs(cents);
            number(abs / 100);
            put((byte) '.');
            return twoDigits((int) (abs % 100));
        }

        CopyText tab() throws SQLException {
            put((byte) '\t');
            return this;
        }

        void newline() throws SQLException {
            put((byte) '\n');
            if (length > buffer.length - 512) flush();
        }

        private void put(byte b) {
            buffer[length++] = b;
        }

        private void flush() throws SQLException {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }

        void finish() throws SQLException {
            flush();
            copy.endCopy();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
