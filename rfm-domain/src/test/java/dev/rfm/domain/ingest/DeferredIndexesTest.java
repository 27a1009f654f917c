package dev.rfm.domain.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.domain.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** PostgreSQL bulk loading: customer_order's indexes and constraints come back exactly as they were. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeferredIndexesTest {

    private DataSource db;

    @BeforeAll
    void database() {
        db = TestDatabases.postgres();
    }

    @Test
    void dropsSecondaryIndexesAndConstraintsAndRestoresThemFromTheCatalog() throws Exception {
        List<String> before = definitions();
        assertThat(before)
                .contains(
                        "CREATE INDEX ix_customer_order_date ON public.customer_order USING btree (order_date)",
                        "fk_customer_order_customer FOREIGN KEY (customer_id) REFERENCES customer(id)",
                        "uk_customer_order_external_id UNIQUE (external_id)");

        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            DeferredIndexes deferred = DeferredIndexes.drop(c, "customer_order");
            assertThat(definitions(c)).containsExactly("customer_order_pkey PRIMARY KEY (id)");
            deferred.restore();
            assertThat(definitions(c)).containsExactlyInAnyOrderElementsOf(before);
            c.commit();
        }
        assertThat(definitions()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aRollbackBringsThemBackAndTheRestoredConstraintsHold() throws Exception {
        List<String> before = definitions();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            DeferredIndexes.drop(c, "customer_order");
            c.rollback();
        }
        assertThat(definitions()).containsExactlyInAnyOrderElementsOf(before);

        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            DeferredIndexes deferred = DeferredIndexes.drop(c, "customer_order");
            try (Statement s = c.createStatement()) {
                s.execute("insert into customer (external_id, first_seen, created_at)"
                        + " values ('C', date '2024-01-01', timestamp '2024-01-01 00:00:00')");
                s.execute("insert into customer_order (external_id, customer_id, order_date, ordered_at, amount)"
                        + " select 'O', id, date '2024-01-01', timestamp '2024-01-01 00:00:00', 1 from customer");
                s.execute("insert into customer_order (external_id, customer_id, order_date, ordered_at, amount)"
                        + " select 'O', id, date '2024-01-01', timestamp '2024-01-01 00:00:00', 1 from customer");
            }
            assertThatThrownBy(deferred::restore)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("uk_customer_order_external_id");
            c.rollback();
        }
        assertThat(definitions()).containsExactlyInAnyOrderElementsOf(before);
    }

    private List<String> definitions() throws SQLException {
        try (Connection c = db.getConnection()) {
            return definitions(c);
        }
    }

    /** Index definitions of indexes without constraint, and constraint definitions. */
    private static List<String> definitions(Connection c) throws SQLException {
        List<String> definitions = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select pg_get_indexdef(x.indexrelid) from pg_index x"
                        + " where x.indrelid = 'customer_order'::regclass and not exists (select 1 from pg_constraint k"
                        + " where k.conrelid = x.indrelid and k.conindid = x.indexrelid)"
                        + " union all select conname || ' ' || pg_get_constraintdef(oid) from pg_constraint"
                        + " where conrelid = 'customer_order'::regclass and contype in ('p', 'u', 'f')")) {
            while (rs.next()) {
                definitions.add(rs.getString(1));
            }
        }
        return definitions;
    }
}
