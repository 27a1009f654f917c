package dev.rfm.analytics.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * Real scored runs for the report tests, made by the scoring run beans of rfm-analytics (its test jar; this class
 * sits in their package to wire them): 400 customers who buy as the models assume, scored twice a month apart, so
 * that the second run has a previous run, migrations and a history.
 */
public final class ReportRuns {

    private ReportRuns() {}

    /** Stores the customers and runs two scorings; returns {first run, second run}. */
    public static long[] twoRuns(DataSource ds) throws SQLException {
        OrderReaderTest.store(ds, ScoringRunStorageTest.buyingCustomers(21, 400));
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("update customer set name = 'Name ' || external_id");
        }
        RunBeans beans = new RunBeans(ds);
        long first = beans.runAsOf(LocalDate.of(2024, 12, 1));
        long second = beans.runAsOf(LocalDate.of(2025, 1, 1));
        return new long[] {first, second};
    }
}
