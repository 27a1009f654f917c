package dev.rfm.domain.database;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one {@link DataSource} class the application declares, so that a single {@code RFM_DB_URL} setting picks the
 * database: {@value #EMBEDDED} (the default) is an H2 file database in {@code RFM_DATA_DIR}; a {@code jdbc:postgresql:}
 * URL selects PostgreSQL; any other JDBC URL goes through {@link DriverManager}.
 *
 * <p>Why a class of our own: {@code @DataSourceDefinition} needs its class name at build time, but which driver to
 * use is only known from the URL at deployment. The container pools the connections this class hands out.
 */
public class RfmDataSource implements DataSource {

    /** The URL value that means "H2 file database in the data directory". */
    public static final String EMBEDDED = "embedded";

    // LEGACY mode lets EclipseLink read generated identity values from H2 2.x (see STACK.md). WRITE_DELAY=0 writes
    // every commit to the file before the commit returns: by default H2 writes up to half a second later, so a killed
    // server lost what it had just committed (a run it had started, an import it had answered).
    static final String H2_OPTIONS = ";MODE=LEGACY;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    private String url = EMBEDDED;
    private String user;
    private String password;
    private String dataDir;
    private volatile DataSource delegate;
    private int loginTimeout;

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    /** Alias used by some containers for {@link #setUrl(String)}. */
    public void setURL(String url) {
        setUrl(url);
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getUser() {
        return user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    /** The JDBC URL this data source connects to, after resolving {@value #EMBEDDED}. */
    public String jdbcUrl() {
        return resolveUrl(setting(url, "rfm.db.url", EMBEDDED), setting(dataDir, "rfm.data.dir", "./rfm-data"));
    }

    /**
     * A setting as the container passed it, else from the environment ({@code RFM_DB_URL}) or a system property
     * ({@code -Drfm.db.url}), else the default. The container may resolve {@code ${MPCONFIG=...}} before the
     * application's own configuration file is visible, and then passes nothing (or the unresolved expression).
     */
    static String setting(String given, String key, String defaultValue) {
        if (given != null && !given.isBlank() && !given.startsWith("${")) return given;
        String env = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        if (env != null && !env.isBlank()) return env;
        String property = System.getProperty(key);
        if (property != null && !property.isBlank()) return property;
        return defaultValue;
    }

    static String resolveUrl(String url, String dataDir) {
        if (url == null || url.isBlank() || EMBEDDED.equalsIgnoreCase(url.trim())) {
            Path dir = Path.of(dataDir).toAbsolutePath().normalize();
            return "jdbc:h2:file:" + dir.resolve("rfm") + H2_OPTIONS;
        }
        return url.trim();
    }

    private DataSource delegate() {
        DataSource ds = delegate;
        if (ds == null) {
            synchronized (this) {
                ds = delegate;
                if (ds == null) {
                    ds = createDelegate(jdbcUrl());
                    delegate = ds;
                }
            }
        }
        return ds;
    }

    private DataSource createDelegate(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(jdbcUrl);
            pg.setUser(setting(user, "rfm.db.user", "rfm"));
            pg.setPassword(setting(password, "rfm.db.password", "rfm"));
            // COPY and large scans stream; never let the driver cache whole result sets by default
            pg.setDefaultRowFetchSize(10_000);
            return pg;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(jdbcUrl);
            h2.setUser(setting(user, "rfm.db.user", "rfm"));
            h2.setPassword(setting(password, "rfm.db.password", "rfm"));
            return h2;
        }
        return new DriverManagerDataSource(
                jdbcUrl, setting(user, "rfm.db.user", "rfm"), setting(password, "rfm.db.password", "rfm"));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return delegate().getConnection();
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        return delegate().getConnection(username, pass);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // the container logs; nothing to do
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) return type.cast(this);
        return delegate().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate().isWrapperFor(type);
    }

    /** Any other JDBC database: plain {@link DriverManager} connections, pooled by the container. */
    private record DriverManagerDataSource(String url, String user, String password) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String username, String pass) throws SQLException {
            return DriverManager.getConnection(url, username, pass);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper for " + type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
