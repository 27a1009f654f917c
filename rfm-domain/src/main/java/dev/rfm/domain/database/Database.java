package dev.rfm.domain.database;

/** Names shared by every part of the application that touches the database. */
public final class Database {

    /** The application's data source, declared by the WAR. */
    public static final String JNDI_NAME = "java:app/jdbc/rfm";

    /** The JPA persistence unit over that data source. */
    public static final String PERSISTENCE_UNIT = "rfm";

    private Database() {}
}
