package dev.rfm.domain.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The demo shop's own database, for trying "pull from a source system" without one: an H2 file database {@code
 * demo-shop} in the data directory whose {@code shop_order} table gains a few orders every minute while the product
 * runs ({@link #sell}), by the demo data's customers ({@code C000001}…) and by new ones ({@code W…}); order ids are {@code S…}. A data source
 * connects as {@value #READER}, who may only read that table; the owner's password is random and stays in a file
 * next to the database, as an H2 owner could read the server's files through SQL.
 *
 * <p>Usage: {@code DemoShop shop = DemoShop.openOrCreate(dataDir, now, random); shop.sell(now, random);}
 */
public final class DemoShop {

    /** The user a data source connects as: SELECT on {@code shop_order}, nothing else. */
    public static final String READER = "SHOP_READER";

    /** The reader's password: shown on the Data sources page, it guards nothing but demo orders. */
    public static final String READER_PASSWORD = "demo-shop";

    /** The query a data source pulls with: the import's columns, and the watermark. */
    public static final String QUERY = "select customer_id, order_id, order_date, amount, quantity, channel,"
            + " customer_name, customer_email, updated_at from shop_order";

    /** The watermark column: set when an order is written. */
    public static final String WATERMARK = "updated_at";

    /** Orders the shop holds when it is created: the morning's sales. */
    static final int OPENING_ORDERS = 40;

    private static final String NAME = "demo-shop";
    private static final String OWNER = "SHOP_OWNER";
    private static final String[] CHANNELS = {"web", "store", "app"};
    private static final int DEMO_CUSTOMERS = DemoDataSettings.DEFAULT_CUSTOMERS;

    private final Path directory;
    private final String ownerPassword;

    private DemoShop(Path directory, String ownerPassword) {
        this.directory = directory;
        this.ownerPassword = ownerPassword;
    }

    /**
     * The shop in {@code dataDir}, created with its opening orders (dated {@code now}) if it is not there yet.
     *
     * @throws SQLException when H2 is not on the class path or the database cannot be opened
     */
    public static DemoShop openOrCreate(Path dataDir, LocalDateTime now, RandomGenerator random)
            throws SQLException, IOException {
        Path directory = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(directory);
        Path passwordFile = directory.resolve(NAME + ".owner");
        boolean created = !Files.exists(passwordFile);
        if (created) {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            Files.writeString(passwordFile, HexFormat.of().formatHex(secret));
            ownerOnly(passwordFile);
        }
        DemoShop shop = new DemoShop(directory, Files.readString(passwordFile).strip());
        if (created) shop.create(now, random);
        return shop;
    }

    /** The JDBC URL a data source uses: this file only, never a new database ({@code IFEXISTS}). */
    public String url() {
        return "jdbc:h2:file:" + directory.resolve(NAME) + ";IFEXISTS=TRUE";
    }

    /**
     * A minute of the shop's trade: 0 to 3 new orders dated {@code now}, three in four by the demo data's customers.
     *
     * @return the orders added
     */
    public int sell(LocalDateTime now, RandomGenerator random) throws SQLException {
        int orders = random.nextInt(4);
        try (Connection c = owner()) {
            insertOrders(c, orders, now, random);
        }
        return orders;
    }

    /** How many orders the shop holds. */
    public long orders() throws SQLException {
        try (Connection c = owner();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from shop_order")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void create(LocalDateTime now, RandomGenerator random) throws SQLException {
        // the first connection creates the database and makes its user the owner (an H2 administrator)
        try (Connection c =
                        DriverManager.getConnection("jdbc:h2:file:" + directory.resolve(NAME), OWNER, ownerPassword);
                Statement s = c.createStatement()) {
            s.execute("create table if not exists shop_order (order_id varchar(20) primary key,"
                    + " customer_id varchar(20) not null, order_date date not null, amount decimal(12, 2) not null,"
                    + " quantity int not null, channel varchar(10) not null, customer_name varchar(100),"
                    + " customer_email varchar(100), updated_at timestamp not null)");
            s.execute("create sequence if not exists shop_order_number");
            s.execute("create user if not exists " + READER + " password '" + READER_PASSWORD + "'");
            s.execute("grant select on shop_order to " + READER);
            insertOrders(c, OPENING_ORDERS, now, random);
        }
    }

    private Connection owner() throws SQLException {
        return DriverManager.getConnection(url(), OWNER, ownerPassword);
    }

    private static void insertOrders(Connection c, int count, LocalDateTime now, RandomGenerator random)
            throws SQLException {
        if (count == 0) return;
        try (PreparedStatement insert = c.prepareStatement(
                "insert into shop_order values"
                        + " ('S' || lpad(cast(next value for shop_order_number as varchar), 7, '0'), ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                boolean known = random.nextInt(4) > 0;
                int number = known ? 1 + random.nextInt(DEMO_CUSTOMERS) : 1 + random.nextInt(1_000_000);
                String customer = (known ? "C" : "W") + String.format("%06d", number);
                int quantity = 1 + random.nextInt(3);
                insert.setString(1, customer);
                insert.setObject(2, now.toLocalDate());
                insert.setBigDecimal(3, BigDecimal.valueOf(quantity * (500 + random.nextInt(9_500)), 2));
                insert.setInt(4, quantity);
                insert.setString(5, CHANNELS[random.nextInt(CHANNELS.length)]);
                // known customers keep the name and e-mail address the product has; new ones bring theirs
                insert.setString(6, known ? null : "Web Shopper " + number);
                insert.setString(7, known ? null : "shopper" + number + "@example.com");
                insert.setObject(8, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions apply
        }
    }
}
