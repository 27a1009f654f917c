package dev.rfm.domain.database;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one {@link DataSource} class the application declares, so that a single {@code RFM_DB_URL} setting picks the
 * database: {@value #EMBEDDED} (the default) is an H2 file database in {@code RFM_DATA_DIR}; a {@code jdbc:postgresql:}
 * URL selects PostgreSQL; any other JDBC URL goes through {@link DriverManager}.
 *
 * <p>Why a class of our own: {@code @DataSourceDefinition} needs its class name at build time, but which driver to
 * use is only known from the URL at deployment. The container pools the connections this class hands out.
 *
 * <p>The settings come from MicroProfile Config ({@code rfm.db.url}, {@code rfm.db.user}, {@code rfm.db.password},
 * {@code rfm.data.dir}: the application's {@code microprofile-config.properties}, overridden by environment variables
 * such as {@code RFM_DB_URL} or {@code -D} system properties), read here, not by the container: expressions in
 * annotation attributes are not portable (Payara expands {@code ${MPCONFIG=...}}, WildFly passes it on literally). A
 * value the container does pass is used only when it is a real value, never an unresolved {@code ${...}}.
 */
public class RfmDataSource implements DataSource {

    /** The URL value that means "H2 file database in the data directory". */
    public static final String EMBEDDED = "embedded";

    // LEGACY mode lets EclipseLink read generated identity values from H2 2.x (see STACK.md). Commits that must
    // survive a killed server are flushed explicitly (EmbeddedDurability), not by WRITE_DELAY=0: see there.
    static final String H2_OPTIONS = ";MODE=LEGACY;DB_CLOSE_ON_EXIT=FALSE";

    private String settings = "rfm";
    private String url;
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

    /**
     * The prefix of the MicroProfile Config keys this data source reads ({@code rfm} by default: {@code rfm.db.url},
     * {@code rfm.db.user}, {@code rfm.db.password}, {@code rfm.data.dir}). The application declares it as the data
     * source's one property: some containers (WildFly) refuse a data source class without any.
     */
    public void setSettings(String prefix) {
        if (isValue(prefix)) this.settings = prefix.trim();
    }

    public String getSettings() {
        return settings;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    /** The JDBC URL this data source connects to, after resolving {@value #EMBEDDED}. */
    public String jdbcUrl() {
        return resolveUrl(
                setting(url, settings + ".db.url", EMBEDDED), setting(dataDir, settings + ".data.dir", "./rfm-data"));
    }

    /** The database user this data source connects as. */
    String configuredUser() {
        return setting(user, settings + ".db.user", "rfm");
    }

    private String configuredPassword() {
        return setting(password, settings + ".db.password", "rfm");
    }

    /**
     * A setting as the container passed it when that is a real value; else from MicroProfile Config (when the
     * application has it); else from the environment ({@code RFM_DB_URL}) or a system property ({@code -Drfm.db.url});
     * else the default. Never an unresolved expression such as {@code ${MPCONFIG=rfm.db.user}}.
     */
    static String setting(String given, String key, String defaultValue) {
        if (isValue(given)) return given;
        String configured = fromConfig(key);
        if (isValue(configured)) return configured;
        String env = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_'));
        if (isValue(env)) return env;
        String property = System.getProperty(key);
        if (isValue(property)) return property;
        return defaultValue;
    }

    /** Present, not blank and not an expression left unresolved by the container. */
    static boolean isValue(String value) {
        return value != null && !value.isBlank() && !value.startsWith("${");
    }

    /**
     * The application's MicroProfile Config value, looked up with this class's class loader (the application's, on
     * whatever thread the container creates the connection); {@code null} without MicroProfile Config (plain tests).
     */
    private static String fromConfig(String key) {
        try {
            Config config = ConfigProvider.getConfig(RfmDataSource.class.getClassLoader());
            return config.getOptionalValue(key, String.class).orElse(null);
        } catch (RuntimeException | LinkageError noConfig) {
            return null;
        }
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
            pg.setUser(configuredUser());
            pg.setPassword(configuredPassword());
            // COPY and large scans stream; never let the driver cache whole result sets by default
            pg.setDefaultRowFetchSize(10_000);
            return pg;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(jdbcUrl);
            h2.setUser(configuredUser());
            h2.setPassword(configuredPassword());
            return h2;
        }
        return new DriverManagerDataSource(jdbcUrl, configuredUser(), configuredPassword());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return delegate().getConnection();
    }

    /**
     * Containers call this with the user and password of the data source definition. Those the application declares
     * none of (its settings are read here), so a blank or unresolved user means the configured credentials.
     */
    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        if (!isValue(username)) return getConnection();
        return delegate().getConnection(username, isValue(pass) ? pass : configuredPassword());
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
