package dev.rfm.domain.source;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Opens read-only connections to source systems. Drivers: PostgreSQL's is packaged with the product; others (MySQL,
 * MariaDB, SQL Server, Oracle) come from the server's class path (Payara: {@code --addLibs}; see README). Drivers in
 * an application's own libraries are not always registered with {@link DriverManager}, so the application's and the
 * thread's class loaders are asked too.
 */
final class SourceConnections {

    /** How long connecting may take (PostgreSQL's driver honours it; others use their own defaults). */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    private SourceConnections() {}

    /** A connection in a read-only transaction (auto-commit off, so drivers can stream rows with a cursor). */
    static Connection open(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
            properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
            properties.setProperty("ApplicationName", "rfm pull");
        }
        Connection connection = driverFor(url).connect(url, properties);
        if (connection == null) {
            throw new SQLException("No JDBC driver accepts " + scheme(url));
        }
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true); // the source is read, never written: also guards a query with side effects
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static Driver driverFor(String url) throws SQLException {
        try {
            return DriverManager.getDriver(url);
        } catch (SQLException notRegistered) {
            for (ClassLoader loader : new ClassLoader[] {
                SourceConnections.class.getClassLoader(), Thread.currentThread().getContextClassLoader()
            }) {
                for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
                    if (driver.acceptsURL(url)) {
                        return driver;
                    }
                }
            }
            throw new SQLException("No JDBC driver for " + scheme(url) + " is installed on the server", notRegistered);
        }
    }

    /** The URL up to its host part, e.g. {@code jdbc:mysql:}: never the user or password a URL may carry. */
    static String scheme(String url) {
        int second = url.indexOf(':', 5);
        return second < 0 ? "this URL" : url.substring(0, second + 1);
    }
}
