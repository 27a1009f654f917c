package dev.rfm.analytics.run;

import static dev.rfm.analytics.run.CustomerFilters.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.snapshot.CustomerFilter;
import dev.rfm.domain.snapshot.CustomerList;
import dev.rfm.domain.snapshot.CustomerResult;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.domain.testing.TestDatabase;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Customers page's queries on both databases: search, every filter, sorted pages that neither overlap nor miss a
 * customer, counts, the CSV export and one customer's history and orders. Twenty customers written by hand, so each
 * expected number can be counted from the rows below.
 */
class CustomerListTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    /** Customer i (1..20): R = 1 + i % 5, F = 1 + i / 5 % 5, M = 1 + i * 3 % 5, CLV = i * 10 (null for i = 20). */
    private static long run(DataSource ds) throws SQLException {
        return HandMadeRun.write(ds, 20, 1000, i -> {
            int r = 1 + i % 5;
            int f = 1 + i / 5 % 5;
            int m = 1 + i * 3 % 5;
            return new HandMadeRun.Customer(
                    i == 7 ? "=HYPERLINK(\"x\")" : i == 8 ? "Anna 100%" : "Person " + i,
                    "p" + i + "@Example.com",
                    100 - i,
                    f,
                    BigDecimal.valueOf(i),
                    r,
                    f,
                    m,
                    i % 4 == 0 ? "CHAMPIONS" : "HIBERNATING",
                    i % 2 == 0 ? "ACTIVE" : "DORMANT",
                    i <= 4 ? "A" : i <= 10 ? "B" : "C",
                    i / 20.0,
                    i == 20 ? null : BigDecimal.valueOf(i * 10L),
                    BigDecimal.valueOf(i));
        });
    }

    private static List<String> ids(List<CustomerResult> rows) {
        return rows.stream().map(CustomerResult::customerId).toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void searchesFiltersSortsPagesAndExports(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long run = run(ds);
        CustomerList list = new CustomerList(ds);

        assertThat(list.count(run, CustomerFilter.NONE)).isEqualTo(20);
        assertThat(ids(list.page(run, filter("C12", null, null, null, null), null, true, 0, 10)))
                .containsExactly("C12");
        assertThat(list.count(run, filter("person 1", null, null, null, null)))
                .as("Person 1 and 10..19 except none")
                .isEqualTo(11);
        assertThat(ids(list.page(run, filter("person 1", null, null, null, null), "monetary", false, 8, 5)))
                .as("a page of a search for part of a name")
                .containsExactly("C11", "C10", "C1");
        assertThat(ids(list.page(run, filter("person 1", null, null, null, null), "name", true, 0, 3)))
                .containsExactly("C1", "C10", "C11");
        assertThat(list.count(run, filter("P3@EXAMPLE", null, null, null, null)))
                .isEqualTo(1);
        assertThat(list.count(run, filter("100%", null, null, null, null))).isEqualTo(1);
        assertThat(list.count(run, filter("%", null, null, null, null)))
                .as("a percent sign is a character, not a wildcard")
                .isEqualTo(1);
        assertThat(list.count(run, filter(null, "standard", "CHAMPIONS", null, null)))
                .isEqualTo(5);
        assertThat(list.count(run, filter(null, "lifecycle", "ACTIVE", null, null)))
                .isEqualTo(10);
        assertThat(list.count(run, filter(null, "abc", "A", null, null))).isEqualTo(4);
        assertThat(list.count(run, filter(null, null, null, "DORMANT", "B"))).isEqualTo(3); // 5, 7, 9
        assertThat(list.count(run, filter(null, null, "CHAMPIONS", "ACTIVE", null)))
                .as("a segment without a scheme is a standard one")
                .isEqualTo(5);
        CustomerFilter ranges = new CustomerFilter(
                null,
                null,
                null,
                null,
                null,
                4,
                5,
                null,
                null,
                null,
                null,
                0.5,
                null,
                new BigDecimal("100"),
                new BigDecimal("180"));
        // R in 4..5: i % 5 in {3, 4}; P(alive) >= 0.5: i >= 10; CLV 100..180: i in 10..18 -> 13, 14, 18
        assertThat(ids(list.page(run, ranges, "customerId", true, 0, 10))).containsExactly("C13", "C14", "C18");

        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 20; offset += 6) {
            seen.addAll(ids(list.page(run, CustomerFilter.NONE, "predictedClv", false, offset, 6)));
        }
        assertThat(seen).hasSize(20).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("C19");
        assertThat(seen.get(19)).as("no CLV sorts last").isEqualTo("C20");
        List<String> ascending = new ArrayList<>();
        for (int offset = 0; offset < 20; offset += 7) {
            ascending.addAll(ids(list.page(run, CustomerFilter.NONE, "predictedClv", true, offset, 7)));
        }
        assertThat(ascending)
                .as("ascending too: the rows with a value in order, then the one without")
                .containsExactly(
                        "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C12", "C13", "C14", "C15",
                        "C16", "C17", "C18", "C19", "C20");
        assertThat(ids(list.page(run, CustomerFilter.NONE, "predictedClv", false, 18, 5)))
                .as("a page across the end of the rows with a value")
                .containsExactly("C1", "C20");
        assertThat(ids(list.page(run, CustomerFilter.NONE, "predictedClv", true, 19, 5)))
                .as("a page holding only rows without a value")
                .containsExactly("C20");
        assertThat(list.page(run, CustomerFilter.NONE, "predictedClv", true, 20, 5))
                .isEmpty();
        assertThat(ids(list.page(run, filter(null, "standard", "CHAMPIONS", null, null), "predictedClv", true, 4, 5)))
                .as("the rows without a value counted under the filter")
                .containsExactly("C20");
        Set<String> byR = new HashSet<>(ids(list.page(run, CustomerFilter.NONE, "r", true, 0, 4)));
        assertThat(byR).containsExactlyInAnyOrder("C5", "C10", "C15", "C20");
        assertThat(ids(list.page(run, CustomerFilter.NONE, "no such column; drop table x", true, 0, 2)))
                .as("an unknown sort falls back to the customer key")
                .containsExactly("C1", "C2");

        StringWriter csv = new StringWriter();
        long written = list.writeCsv(run, filter(null, "standard", "CHAMPIONS", null, null), "monetary", false, csv);
        List<String> lines = csv.toString().lines().toList();
        assertThat(written).isEqualTo(5);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith("customer_id,name,email,");
        assertThat(lines.get(1)).startsWith("C20,Person 20,p20@Example.com,80,5,20");
        StringWriter all = new StringWriter();
        list.writeCsv(run, filter("C7", null, null, null, null), null, true, all);
        assertThat(all.toString().lines().skip(1).findFirst().orElseThrow())
                .as("a name that a spreadsheet would run as a formula is neutralised")
                .startsWith("C7,\"'=HYPERLINK(\"\"x\"\")\",");

        CustomerList.Profile profile = list.profile("C4").orElseThrow();
        assertThat(profile.key()).isEqualTo(1004);
        assertThat(profile.orders()).isZero();
        assertThat(list.history(profile.key(), 5)).singleElement().satisfies(h -> {
            assertThat(h.runId()).isEqualTo(run);
            assertThat(h.segment()).isEqualTo("CHAMPIONS");
        });
        assertThat(new Snapshots(ds).rules(run).orElseThrow().cutPoints()).startsWith("recency=QUINTILE:10,20");
        assertThat(list.profile("nobody")).isEmpty();
    }

    /**
     * A cell of the migration matrix: the second run moves customers 1..10 into Champions (4 and 8 were there
     * already) and scores customer 21 for the first time.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void findsTheCustomersOfAMigrationCell(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long first = run(ds);
        long second;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into scoring_run (status, reference_date, trigger_source, queued_at)"
                        + " values ('SUCCEEDED', date '2025-02-01', 'MANUAL', current_timestamp)");
                var rs = s.executeQuery("select max(id) from scoring_run");
                rs.next();
                second = rs.getLong(1);
                s.executeUpdate(
                        "insert into customer (id, external_id, name, email, first_seen, created_at)"
                                + " values (1021, 'C21', 'Person 21', 'p21@example.com', date '2025-01-15', current_timestamp)");
            }
            CustomerScoreTable table = CustomerScoreTable.on(c);
            String name = table.create(c, second);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into " + name + " (run_id, customer_id, recency_days, frequency, monetary,"
                        + " segment_standard, lifecycle_stage, historical_clv)"
                        + " select " + second + ", customer_id, recency_days, frequency, monetary,"
                        + " case when customer_id <= 1010 then 'CHAMPIONS' else segment_standard end,"
                        + " lifecycle_stage, historical_clv from customer_score where run_id = " + first);
                s.executeUpdate("insert into " + name + " (run_id, customer_id, recency_days, frequency, monetary,"
                        + " segment_standard, lifecycle_stage, historical_clv)"
                        + " values (" + second + ", 1021, 5, 1, 10, 'NEW_CUSTOMERS', 'NEW', 10)");
            }
            table.attach(c, second);
            c.commit();
        }
        CustomerList list = new CustomerList(ds);

        assertThat(ids(list.page(second, moved("HIBERNATING", "CHAMPIONS"), "customerId", true, 0, 20)))
                .containsExactlyInAnyOrder("C1", "C2", "C3", "C5", "C6", "C7", "C9", "C10");
        assertThat(ids(list.page(second, moved("CHAMPIONS", "CHAMPIONS"), null, true, 0, 20)))
                .as("stayed")
                .containsExactlyInAnyOrder("C4", "C8", "C12", "C16", "C20");
        assertThat(list.count(second, moved("CHAMPIONS", "HIBERNATING"))).isZero();
        assertThat(ids(list.page(
                        second, moved(CustomerFilter.NEW_SINCE_PREVIOUS_RUN, "NEW_CUSTOMERS"), null, true, 0, 20)))
                .containsExactly("C21");
        assertThat(list.count(first, moved("HIBERNATING", "CHAMPIONS")))
                .as("the first run has no previous run: nobody moved from a segment")
                .isZero();
    }

    private static CustomerFilter moved(String from, String to) {
        return new CustomerFilter(
                null, "standard", to, null, null, null, null, null, null, null, null, null, null, null, null, from);
    }
}
