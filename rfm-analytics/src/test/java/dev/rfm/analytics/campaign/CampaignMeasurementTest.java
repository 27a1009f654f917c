package dev.rfm.analytics.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rfm.domain.campaign.Campaign;
import dev.rfm.domain.campaign.CampaignGroup;
import dev.rfm.domain.campaign.CampaignMember;
import dev.rfm.domain.campaign.CampaignPlan;
import dev.rfm.domain.campaign.CampaignProblem;
import dev.rfm.domain.campaign.CampaignTarget;
import dev.rfm.domain.campaign.Campaigns;
import dev.rfm.domain.campaign.GroupOutcome;
import dev.rfm.domain.campaign.InvalidCampaignException;
import dev.rfm.domain.testing.TestDatabase;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Campaigns in the database, on H2 and PostgreSQL: the target drawn from a run's segment or an uploaded list, the
 * groups exported, and the orders of a hand-made window counted — then the uplift of those counts against
 * {@code src/test/python/campaign_reference.py}.
 *
 * <p>Customers C1..C10 are At Risk in the run, C11 a Champion. The campaign starts 2025-03-01 with a 30-day window:
 * orders dated 2025-03-01 .. 2025-03-30 count, 2025-03-31 is the first day after it.
 *
 * <pre>
 *   C1  02-28 100 (before)  03-01 50 (first day)  03-30 20 (last day)   → 2 orders, 70, buyer
 *   C2  03-31 500 (the day after)                                        → 0, 0
 *   C3  03-10 40, 03-12 −40 (refund)                                     → 1 order, 0, buyer
 *   C4  03-15 −25 (a refund only)                                        → 0 orders, −25, no buyer
 *   C5  03-05 0.00 (free goods: a purchase)                              → 1, 0, buyer
 *   C6  nothing                                                          → 0, 0
 *   C7  03-20 12.3456                                                    → 1, 12.3456, buyer
 *   C8  03-02 30                      (control)                          → 1, 30, buyer
 *   C9  01-01 99 (before)             (control)                          → 0, 0
 *   C10 03-29 10, 03-29 5             (control)                          → 2, 15, buyer
 *   C11 03-10 1000 (not targeted)
 * </pre>
 *
 * Treatment C1..C7: 7 customers, 4 buyers, 5 orders, revenue 57.3456, Σ revenue² = 4900 + 625 + 152.41383936.
 * Control C8..C10: 3 customers, 2 buyers, 3 orders, revenue 45, Σ revenue² = 900 + 225.
 */
class CampaignMeasurementTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    private static final LocalDate START = LocalDate.of(2025, 3, 1);
    private static final LocalDateTime NOW = LocalDateTime.of(2025, 2, 27, 9, 0);

    /** The hand-made split of the table above: C8, C9 and C10 are held out. */
    private static final Predicate<String> HAND_SPLIT = Set.of("C8", "C9", "C10")::contains;

    private long run;

    private DataSource ds;

    private void prepare(TestDatabase database) throws SQLException {
        ds = DATABASES.get(database);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("delete from campaign");
            s.executeUpdate("update current_snapshot set run_id = null");
            s.executeUpdate("delete from segment_summary");
            s.executeUpdate("delete from customer_score");
            s.executeUpdate("delete from scoring_run");
            s.executeUpdate("delete from customer_order");
            s.executeUpdate("delete from customer");
            for (int i = 1; i <= 11; i++) {
                s.executeUpdate("insert into customer (id, external_id, name, email, first_seen, created_at) values ("
                        + (1000 + i) + ", 'C" + i + "', " + (i == 3 ? "'=HYPERLINK(1)'" : "'Person " + i + "'")
                        + ", 'p" + i + "@example.com', date '2024-01-01', current_timestamp)");
            }
            order(s, 1, "2025-02-28", "100");
            order(s, 1, "2025-03-01", "50");
            order(s, 1, "2025-03-30", "20");
            order(s, 2, "2025-03-31", "500");
            order(s, 3, "2025-03-10", "40");
            order(s, 3, "2025-03-12", "-40");
            order(s, 4, "2025-03-15", "-25");
            order(s, 5, "2025-03-05", "0.00");
            order(s, 7, "2025-03-20", "12.3456");
            order(s, 8, "2025-03-02", "30");
            order(s, 9, "2025-01-01", "99");
            order(s, 10, "2025-03-29", "10");
            order(s, 10, "2025-03-29", "5");
            order(s, 11, "2025-03-10", "1000");
            s.executeUpdate("insert into scoring_run (status, reference_date, trigger_source, queued_at) values"
                    + " ('SUCCEEDED', date '2025-02-28', 'MANUAL', current_timestamp)");
            try (var rs = s.executeQuery("select max(id) from scoring_run")) {
                rs.next();
                run = rs.getLong(1);
            }
            if (database == TestDatabase.POSTGRESQL) {
                s.execute("create table customer_score_" + run + " partition of customer_score for values in (" + run
                        + ")");
            }
            for (int i = 1; i <= 11; i++) {
                s.executeUpdate("insert into customer_score (run_id, customer_id, frequency, monetary,"
                        + " segment_standard, lifecycle_stage, historical_clv) values (" + run + ", " + (1000 + i)
                        + ", 1, 10, '" + (i <= 10 ? "AT_RISK" : "CHAMPIONS") + "', '"
                        + (i <= 5 ? "DORMANT" : "ACTIVE") + "', 10)");
            }
            summary(s, "standard", "AT_RISK", 10);
            summary(s, "standard", "CHAMPIONS", 1);
            summary(s, "lifecycle", "DORMANT", 5);
            s.executeUpdate("update current_snapshot set run_id = " + run);
        }
    }

    private static int orders;

    private static void order(Statement s, int customer, String date, String amount) throws SQLException {
        s.executeUpdate("insert into customer_order (external_id, customer_id, order_date, ordered_at, amount) values"
                + " ('O" + (++orders) + "', " + (1000 + customer) + ", date '" + date + "', timestamp '" + date
                + " 10:00:00', " + amount + ")");
    }

    private void summary(Statement s, String scheme, String code, int customers) throws SQLException {
        s.executeUpdate("insert into segment_summary (run_id, scheme, code, position, name_en, customers, share,"
                + " revenue, revenue_share) values (" + run + ", '" + scheme + "', '" + code + "', 1, '" + code
                + "', " + customers + ", 0.5, 0, 0.5)");
    }

    private static CampaignPlan atRisk(Long runId) {
        return new CampaignPlan(
                "Win back At Risk", new CampaignTarget.Segment("standard", "AT_RISK", runId), 0.3, 7, START, 30);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void countsTheWindowsOrdersPerGroup(TestDatabase database) throws Exception {
        prepare(database);
        Campaigns campaigns = new Campaigns(ds);
        Campaign campaign = campaigns.create(atRisk(null), HAND_SPLIT, "anna", NOW);
        assertThat(campaign.runId())
                .as("the current run when none is asked for")
                .isEqualTo(run);
        assertThat(campaign.treatmentCustomers()).isEqualTo(7);
        assertThat(campaign.controlCustomers()).isEqualTo(3);
        assertThat(campaign.endDate()).isEqualTo(LocalDate.of(2025, 3, 31));

        Campaigns.Outcome outcome = campaigns.outcome(campaign, LocalDate.of(2030, 1, 1));
        assertThat(outcome.treatment())
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(new GroupOutcome(7, 4, 5, new BigDecimal("57.3456"), new BigDecimal("5677.41383936")));
        assertThat(outcome.control())
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(new GroupOutcome(3, 2, 3, new BigDecimal("45"), new BigDecimal("1125")));

        // the uplift of these counts, against campaign_reference.py
        CampaignResult result = CampaignResult.of(
                outcome.treatment(), outcome.control(), campaign.endDate(), LocalDate.of(2025, 3, 31));
        assertThat(result.complete()).isTrue();
        assertThat(result.repurchaseUplift().estimate()).isCloseTo(-0.095238, within(1e-6));
        assertThat(result.repurchaseUplift().ci95Low()).isCloseTo(-0.515856, within(1e-6));
        assertThat(result.repurchaseUplift().ci95High()).isCloseTo(0.437470, within(1e-6));
        assertThat(result.revenuePerCustomerUplift().estimate()).isCloseTo(-6.807771, within(1e-6));
        assertThat(result.revenuePerCustomerUplift().ci95Low()).isCloseTo(-39.830025, within(1e-6));
        assertThat(result.revenuePerCustomerUplift().ci95High()).isCloseTo(26.214482, within(1e-6));
    }

    /** While the window runs, the days so far count: up to (not including) today, 2025-03-15. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void measuresTheDaysSoFarWhileTheWindowRuns(TestDatabase database) throws Exception {
        prepare(database);
        Campaigns campaigns = new Campaigns(ds);
        Campaign campaign = campaigns.create(atRisk(run), HAND_SPLIT, "anna", NOW);
        LocalDate today = LocalDate.of(2025, 3, 15);
        Campaigns.Outcome outcome = campaigns.outcome(campaign, today);
        // C1 50, C3 40 − 40, C5 0.00; C4's refund and C7 come on or after the 15th
        assertThat(outcome.treatment().buyers()).isEqualTo(3);
        assertThat(outcome.treatment().orders()).isEqualTo(3);
        assertThat(outcome.treatment().revenue()).isEqualByComparingTo("50");
        assertThat(outcome.control().buyers()).isEqualTo(1);
        assertThat(outcome.control().revenue()).isEqualByComparingTo("30");
        assertThat(CampaignResult.of(outcome.treatment(), outcome.control(), campaign.endDate(), today)
                        .complete())
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void exportedTargetListExcludesTheControlGroup(TestDatabase database) throws Exception {
        prepare(database);
        Campaigns campaigns = new Campaigns(ds);
        Campaign campaign = campaigns.create(atRisk(null), HAND_SPLIT, "anna", NOW);
        StringWriter csv = new StringWriter();
        assertThat(campaigns.writeMembersCsv(campaign.id(), CampaignGroup.TREATMENT, csv))
                .isEqualTo(7);
        assertThat(csv.toString())
                .startsWith("customer_id,name,email\nC1,Person 1,p1@example.com\n")
                .contains("C3,'=HYPERLINK(1),p3@example.com\n") // a formula stays text in a spreadsheet
                .doesNotContain("C8,", "C9,", "C10,", "C11,");
        var page = campaigns.members(campaign, CampaignGroup.CONTROL, 1, 2);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(CampaignMember::customerId).containsExactly("C10");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void targetsAnUploadedListOrALifecycleStage(TestDatabase database) throws Exception {
        prepare(database);
        Campaigns campaigns = new Campaigns(ds);
        Campaign listed = campaigns.create(
                new CampaignPlan(
                        "VIP letter",
                        new CampaignTarget.CustomerList(List.of("C11", "C1", "C11", "C8")),
                        0.5,
                        1,
                        START,
                        30),
                HAND_SPLIT,
                "anna",
                NOW);
        assertThat(listed.scheme()).isNull();
        assertThat(listed.treatmentCustomers()).as("C11 once, C1").isEqualTo(2);
        assertThat(listed.controlCustomers()).isEqualTo(1);
        assertThat(campaigns
                        .outcome(listed, LocalDate.of(2030, 1, 1))
                        .treatment()
                        .revenue())
                .isEqualByComparingTo("1070");

        Campaign dormant = campaigns.create(
                new CampaignPlan(
                        "Wake up", new CampaignTarget.Segment("lifecycle", "DORMANT", null), 0.1, 1, START, 30),
                HAND_SPLIT,
                "anna",
                NOW);
        assertThat(dormant.treatmentCustomers() + dormant.controlCustomers()).isEqualTo(5);
        assertThat(campaigns.list()).extracting(Campaign::id).containsExactly(dormant.id(), listed.id());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void namesWhatIsWrongAndStoresNothing(TestDatabase database) throws Exception {
        prepare(database);
        Campaigns campaigns = new Campaigns(ds);
        assertThatThrownBy(() -> campaigns.create(
                        new CampaignPlan(
                                "x",
                                new CampaignTarget.CustomerList(List.of("C1", "NOPE", "C2", "GONE")),
                                0.1,
                                1,
                                START,
                                30),
                        HAND_SPLIT,
                        "anna",
                        NOW))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems())
                        .extracting(CampaignProblem::field, CampaignProblem::message)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("customerIds", "2 unknown customer ids"),
                                org.assertj.core.groups.Tuple.tuple("customerIds", "unknown customer id 'NOPE'"),
                                org.assertj.core.groups.Tuple.tuple("customerIds", "unknown customer id 'GONE'")));
        assertThatThrownBy(() -> campaigns.create(
                        new CampaignPlan("x", new CampaignTarget.Segment("standard", "LOYAL", null), 0.1, 1, START, 30),
                        HAND_SPLIT,
                        "anna",
                        NOW))
                .hasMessage("segment: run " + run + " has no standard segment 'LOYAL'");
        assertThatThrownBy(() -> campaigns.create(atRisk(run + 99), HAND_SPLIT, "anna", NOW))
                .hasMessage("runId: no succeeded run " + (run + 99));
        assertThat(campaigns.list()).isEmpty();
    }

    /** The real split: the same seed and target give the same groups on both databases as the split itself does. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void storesTheSplitOfTheSeed(TestDatabase database) throws Exception {
        prepare(database);
        Campaigns campaigns = new Campaigns(ds);
        ControlGroupSplit split = ControlGroupSplit.of(42, 0.5);
        Campaign campaign = campaigns.create(atRisk(null), split::isControl, "anna", NOW);
        List<String> expected = IntStream.rangeClosed(1, 10)
                .mapToObj(i -> "C" + i)
                .filter(split::isControl)
                .toList();
        StringWriter csv = new StringWriter();
        campaigns.writeMembersCsv(campaign.id(), CampaignGroup.CONTROL, csv);
        assertThat(csv.toString().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))))
                .containsExactlyElementsOf(expected);
        // campaign_reference.py's is_control(42, 0.5, ...) over C1..C10
        assertThat(expected).containsExactly("C4", "C5", "C6", "C7", "C8", "C9", "C10");
    }

    /** A target larger than one JDBC batch of 5,000 inserts: every member stored once, in its seed's group. */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void storesEveryMemberOfATargetLargerThanOneBatch(TestDatabase database) throws Exception {
        prepare(database);
        int extra = 5_500;
        loyal(extra);
        ControlGroupSplit split = ControlGroupSplit.of(3, 0.2);
        Campaigns campaigns = new Campaigns(ds);
        Campaign campaign = campaigns.create(
                new CampaignPlan("Loyal", new CampaignTarget.Segment("standard", "LOYAL", null), 0.2, 3, START, 30),
                split::isControl,
                "anna",
                NOW);
        List<String> control = IntStream.range(0, extra)
                .mapToObj(i -> "L" + i)
                .filter(split::isControl)
                .toList();
        assertThat(campaign.controlCustomers()).isEqualTo(control.size());
        assertThat(campaign.treatmentCustomers()).isEqualTo(extra - control.size());
        StringWriter csv = new StringWriter();
        campaigns.writeMembersCsv(campaign.id(), CampaignGroup.CONTROL, csv);
        assertThat(csv.toString().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))))
                .containsExactlyElementsOf(control);
        assertThat(campaigns.outcome(campaign, START.plusDays(30)).treatment().customers())
                .isEqualTo(extra - control.size());
    }

    /**
     * A campaign is never half-written: a failure after the first chunk of 5,000 members went in (on PostgreSQL by its
     * own COPY, between two fetches of the segment's cursor) leaves neither the campaign nor any member.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailureAfterTheFirstChunkOfMembersStoresNothing(TestDatabase database) throws Exception {
        prepare(database);
        loyal(5_500);
        int[] drawn = {0};
        Predicate<String> failsAtTheEnd = id -> {
            if (++drawn[0] == 5_400) throw new IllegalStateException("split failed at " + id);
            return false;
        };
        Campaigns campaigns = new Campaigns(ds);
        assertThatThrownBy(() -> campaigns.create(
                        new CampaignPlan(
                                "Loyal", new CampaignTarget.Segment("standard", "LOYAL", null), 0.2, 3, START, 30),
                        failsAtTheEnd,
                        "anna",
                        NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("split failed at L");
        assertThat(drawn[0]).isEqualTo(5_400);
        assertThat(campaigns.list()).isEmpty();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                var rs = s.executeQuery("select count(*) from campaign_member")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    /** {@code n} more customers, L0 to L(n-1), all in the current run's LOYAL segment. */
    private void loyal(int n) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (int i = 0; i < n; i++) {
                s.addBatch("insert into customer (id, external_id, first_seen, created_at) values (" + (5000 + i)
                        + ", 'L" + i + "', date '2024-01-01', current_timestamp)");
                s.addBatch("insert into customer_score (run_id, customer_id, frequency, monetary, segment_standard,"
                        + " lifecycle_stage, historical_clv) values (" + run + ", " + (5000 + i)
                        + ", 1, 10, 'LOYAL', 'ACTIVE', 10)");
            }
            s.executeBatch();
            summary(s, "standard", "LOYAL", n);
        }
    }

    @BeforeEach
    void resetOrderNumbers() {
        orders = 0;
    }
}
