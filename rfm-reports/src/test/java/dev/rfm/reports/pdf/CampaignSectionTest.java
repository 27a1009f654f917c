package dev.rfm.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.analytics.campaign.CampaignResult;
import dev.rfm.analytics.run.ReportRuns;
import dev.rfm.domain.campaign.Campaign;
import dev.rfm.domain.campaign.CampaignPlan;
import dev.rfm.domain.campaign.CampaignTarget;
import dev.rfm.domain.campaign.Campaigns;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.domain.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The report's campaign section, on H2 and PostgreSQL, for the second scored run (reference date 2025-01-01, so
 * measured through 2024-12-31; running or ended since 2024-10-03 is shown).
 *
 * <p>"Winter win-back" is checked by hand: an uploaded list of six treatment customers (T1–T6) and four control
 * customers (K1–K4), window 1–30 Nov 2024. In the window: T1 buys 60 + 40, T2 50 (on the window's last day), T3 30
 * (on its first), K1 20; T4's 70 on 1 Dec and K2's 25 on 31 Oct fall outside. So treatment 3 of 6 buyers (50.0 %),
 * revenue 180 / 6 = 30.00 per customer; control 1 of 4 (25.0 %), 20 / 4 = 5.00. Repurchase uplift +25.0 pp with
 * Newcombe's hybrid score interval −29.7 to +62.3 pp; revenue uplift +25.00 with Welch's interval −16.97 to +66.97
 * (SciPy 1.17: {@code ttest_ind([100,50,30,0,0,0], [20,0,0,0], equal_var=False).confidence_interval()} gives
 * −16.9699, 66.9699; Newcombe's bounds by method 10's formula with z = 1.959964: −0.297272, 0.623320).
 */
class CampaignSectionTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();
    private static final Map<TestDatabase, Long> RUNS = new EnumMap<>(TestDatabase.class);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T08:30:00Z"), ZoneOffset.UTC);

    /** The second run, with the campaigns and their customers' orders stored once per database. */
    private static synchronized long run(TestDatabase database) throws SQLException {
        if (!RUNS.containsKey(database)) {
            DataSource ds = DATABASES.get(database);
            long run = ReportRuns.twoRuns(ds)[1];
            storeCampaigns(ds, run);
            RUNS.put(database, run);
        }
        return RUNS.get(database);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aCompleteCampaignShowsTheHandCheckedCountsRatesAndIntervals(TestDatabase database) throws Exception {
        long run = run(database);
        SegmentReports reports = new SegmentReports(DATABASES.get(database), CLOCK);
        String name = database.name().toLowerCase(Locale.ROOT) + "-campaigns-";

        String en = SegmentReportTest.text(reports.render(run, "standard", Locale.ENGLISH, 0), name + "en");
        assertThat(en).contains("Campaigns", "Winter win-back");
        assertPhrase(en, "Uploaded list · from 1 Nov 2024 · 30 days, complete");
        assertRow(en, "Customers", "6", "4");
        assertRow(en, "Buyers", "3", "1");
        assertRow(en, "Repurchase rate", "50.0 %", "25.0 %", "+25.0 pp (95 % CI −29.7 to +62.3 pp)");
        assertRow(en, "Revenue per customer", "30.00", "5.00", "+25.00 (95 % CI −16.97 to +66.97)");
        assertPhrase(en, "measured through 31 Dec 2024");

        String zh =
                SegmentReportTest.text(reports.render(run, "standard", Locale.SIMPLIFIED_CHINESE, 0), name + "zh-CN");
        assertThat(zh).contains("营销活动", "Winter win-back");
        assertPhrase(zh, "上传的名单 · 2024年11月1日起 · 30 天，已结束");
        assertRow(zh, "客户数", "6", "4");
        assertRow(zh, "购买客户数", "3", "1");
        assertRow(zh, "复购率", "50.0%", "25.0%", "+25.0 个百分点（95% 置信区间：−29.7 至 +62.3 个百分点）");
        assertRow(zh, "人均销售额", "30.00", "5.00", "+25.00（95% 置信区间：−16.97 至 +66.97）");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theSectionShowsRunningAndRecentCampaignsNewestFirstWithTheApisNumbers(TestDatabase database) throws Exception {
        long run = run(database);
        DataSource ds = DATABASES.get(database);
        String en = SegmentReportTest.text(
                new SegmentReports(ds, CLOCK).render(run, "standard", Locale.ENGLISH, 0), "unused");
        // newest start first; ended on 2024-10-03 (90 days before) is in, a day earlier and not yet started are out
        assertThat(en).containsSubsequence("Segment push", "Tiny test", "Winter win-back", "Autumn edge");
        assertThat(en).doesNotContain("Autumn too old", "New year");

        // the running campaign on a segment of the run: its target in words, the days so far, and exactly the
        // numbers the API computes on 31 Dec 2024 (Campaigns.outcome + CampaignResult, as CampaignResource does)
        SegmentRow segment = firstSegment(ds, run);
        Campaigns campaigns = new Campaigns(ds);
        Campaign push = campaigns.list().stream()
                .filter(c -> c.name().equals("Segment push"))
                .findFirst()
                .orElseThrow();
        LocalDate day = LocalDate.of(2024, 12, 31);
        Campaigns.Outcome o = campaigns.outcome(push, day.plusDays(1));
        CampaignResult api = CampaignResult.of(o.treatment(), o.control(), push.endDate(), day);
        assertThat(api.complete()).isFalse();
        assertPhrase(
                en,
                "Standard RFM segments: " + segment.nameEn() + " (run " + run + ") · from 20 Dec 2024 · day 12 of 30");
        assertThat(api.treatment().customers() + api.control().customers()).isEqualTo(segment.customers());
        String section = en.substring(en.indexOf("Segment push"), en.indexOf("Tiny test"));
        assertRow(
                section,
                "Customers",
                String.format(Locale.ENGLISH, "%,d", api.treatment().customers()),
                String.format(Locale.ENGLISH, "%,d", api.control().customers()));
        assertRow(
                section,
                "Buyers",
                String.format(Locale.ENGLISH, "%,d", api.treatment().buyers()),
                String.format(Locale.ENGLISH, "%,d", api.control().buyers()));
        java.util.ResourceBundle texts = ReportFonts.texts(Locale.ENGLISH);
        assertThat(section)
                .contains(CampaignRows.uplift(
                        api.repurchaseUplift(), 100, 1, texts.getString("campaign.pp"), texts, Locale.ENGLISH));

        // a control group of one: no spread, so Welch's interval is undefined and the report says so
        assertRow(en, "Revenue per customer", "0.00", "0.00", "±0.00 (not enough data)");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aReportWithoutCampaignsSaysSoInOneLine(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        run(database);
        long early;
        try (Connection c = ds.getConnection();
                var s = c.createStatement()) {
            s.executeUpdate("insert into scoring_run (status, reference_date, trigger_source, queued_at)"
                    + " values ('SUCCEEDED', date '2024-06-01', 'MANUAL', current_timestamp)");
            try (var rs = s.executeQuery("select max(id) from scoring_run")) {
                rs.next();
                early = rs.getLong(1);
            }
        }
        SegmentReports reports = new SegmentReports(ds, CLOCK);
        String name = database.name().toLowerCase(Locale.ROOT) + "-no-campaigns-";
        String en = SegmentReportTest.text(reports.render(early, "standard", Locale.ENGLISH, 0), name + "en");
        assertPhrase(en, "No campaign was running on the reference date or ended in the 90 days before it.");
        assertThat(en).doesNotContain("Winter win-back");
        assertThat(SegmentReportTest.text(reports.render(early, "cn8", Locale.SIMPLIFIED_CHINESE, 0), "unused"))
                .contains("基准日期当天没有进行中的活动，此前 90 天内也没有结束的活动。");
    }

    /** The words of a phrase in order, however the PDF's lines and spacing break them. */
    private static void assertPhrase(String text, String phrase) {
        String pattern = String.join(
                "\\s+",
                java.util.Arrays.stream(phrase.split(" ")).map(Pattern::quote).toList());
        assertThat(text).as(phrase).containsPattern(pattern);
    }

    /** One table row of the section: its label and cells side by side. */
    private static void assertRow(String text, String label, String... cells) {
        StringBuilder pattern = new StringBuilder(Pattern.quote(label));
        for (String cell : cells) pattern.append("\\s+").append(Pattern.quote(cell));
        assertThat(text).as(label).containsPattern(pattern.toString());
    }

    private static SegmentRow firstSegment(DataSource ds, long run) throws SQLException {
        return new Snapshots(ds).segments(run, "standard").get(0);
    }

    private static void storeCampaigns(DataSource ds, long run) throws SQLException {
        try (Connection c = ds.getConnection()) {
            // keys given, as the stored customers' were: PostgreSQL's identity sequence has not moved past them
            long key;
            try (var s = c.createStatement();
                    var rs = s.executeQuery("select max(id) from customer")) {
                rs.next();
                key = rs.getLong(1);
            }
            try (PreparedStatement customer = c.prepareStatement("insert into customer (id, external_id, name,"
                    + " first_seen, created_at) values (?, ?, ?, date '2024-01-01', current_timestamp)")) {
                for (String id : List.of("T1", "T2", "T3", "T4", "T5", "T6", "K1", "K2", "K3", "K4")) {
                    customer.setLong(1, ++key);
                    customer.setString(2, id);
                    customer.setString(3, "Name " + id);
                    customer.executeUpdate();
                }
            }
            order(c, "T1", "2024-11-03", "60");
            order(c, "T1", "2024-11-20", "40");
            order(c, "T2", "2024-11-30", "50");
            order(c, "T3", "2024-11-01", "30");
            order(c, "T4", "2024-12-01", "70");
            order(c, "K1", "2024-11-15", "20");
            order(c, "K2", "2024-10-31", "25");
        }
        Campaigns campaigns = new Campaigns(ds);
        LocalDateTime now = LocalDateTime.of(2024, 10, 30, 9, 0);
        List<String> list = List.of("T1", "T2", "T3", "T4", "T5", "T6", "K1", "K2", "K3", "K4");
        campaigns.create(plan("Winter win-back", list, "2024-11-01", 30), id -> id.startsWith("K"), "anna", now);
        campaigns.create(plan("Tiny test", List.of("T5", "T6", "K3"), "2024-12-01", 10), "K3"::equals, "anna", now);
        // ends 2024-10-03, exactly 90 days before the reference date: still shown; a day earlier: not
        campaigns.create(plan("Autumn edge", list, "2024-09-03", 30), id -> id.startsWith("K"), "anna", now);
        campaigns.create(plan("Autumn too old", list, "2024-09-02", 30), id -> id.startsWith("K"), "anna", now);
        campaigns.create(plan("New year", list, "2025-01-02", 30), id -> id.startsWith("K"), "anna", now);
        CampaignTarget.Segment segment =
                new CampaignTarget.Segment("standard", firstSegment(ds, run).code(), run);
        campaigns.create(
                new CampaignPlan("Segment push", segment, 0.2, 7, LocalDate.parse("2024-12-20"), 30),
                id -> Math.floorMod(id.hashCode(), 5) == 0,
                "anna",
                now);
    }

    private static CampaignPlan plan(String name, List<String> ids, String start, int days) {
        return new CampaignPlan(name, new CampaignTarget.CustomerList(ids), 0.4, 1, LocalDate.parse(start), days);
    }

    private static void order(Connection c, String customer, String date, String amount) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into customer_order (external_id, customer_id,"
                + " order_date, ordered_at, amount) select ?, id, ?, ?, ? from customer where external_id = ?")) {
            ps.setString(1, customer + "-" + date + "-" + amount);
            ps.setDate(2, java.sql.Date.valueOf(date));
            ps.setTimestamp(3, java.sql.Timestamp.valueOf(date + " 12:00:00"));
            ps.setBigDecimal(4, new java.math.BigDecimal(amount));
            ps.setString(5, customer);
            assertThat(ps.executeUpdate()).isOne();
        }
    }
}
