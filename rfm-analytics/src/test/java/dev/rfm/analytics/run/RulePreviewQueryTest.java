package dev.rfm.analytics.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.analytics.run.CustomSegments.RuleText;
import dev.rfm.analytics.segment.CustomSegmentScheme;
import dev.rfm.analytics.segment.RulePreview;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.domain.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rule preview's aggregate query counts what the Java rules count: against a run's own custom segments after
 * the same rules were saved and the run made, and against the Java rules matched on the run's loaded rows (how the
 * preview worked before, {@link LoadedSnapshotFacts}) for hundreds of random rule sets whose bounds are often the
 * customers' own values (closed ends), on both databases.
 */
class RulePreviewQueryTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();

    private static final List<RuleText> SAVED = List.of(
            rule("CHAMPS", "rScore=4..5\nfScore=4..5\nmScore=4..5"),
            rule("BIG", "monetary=1000.5..\nabc=A"),
            rule("LIKELY", "pAlive=0.5..1\npredictedClv=10..\nstages=ACTIVE,NEW,REACTIVATED"),
            rule("RECENT", "recencyDays=..400\nfrequency=2.."),
            rule("REST_OF_R5", "rScore=5"));

    @AfterEach
    void clean() throws SQLException {
        ScoringRunStorageTest.deleteRuns(DATABASES);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void previewCountsAreTheRunsCustomSegmentsAndTheJavaRulesCounts(TestDatabase database) throws SQLException {
        DataSource ds = DATABASES.get(database);
        // buyers with enough repeat purchases for the models to fit: P(alive) and predicted CLV are known
        OrderReaderTest.store(ds, ScoringRunStorageTest.buyingCustomers(8, 1_500));
        CustomSegments segments = new CustomSegments();
        segments.dataSource = ds;
        segments.replace(SAVED, "test", java.time.LocalDateTime.of(2026, 1, 1, 0, 0));
        // the audit trail names who added which rule, and a save without changes adds no entry
        segments.replace(SAVED, "test", java.time.LocalDateTime.of(2026, 1, 1, 0, 0));
        assertThat(segments.audit(10)).singleElement().satisfies(entry -> {
            assertThat(entry.changedBy()).isEqualTo("test");
            assertThat(entry.changes()).hasSize(SAVED.size()).first().isEqualTo("added CHAMPS (position 1)");
        });
        RunBeans beans = new RunBeans(ds);
        long run = beans.run();
        assertThat(new Snapshots(ds).currentRunId()).hasValue(run);

        // the same rules, previewed, count what the run put into each custom segment
        RulePreview preview = segments.preview(SAVED).orElseThrow();
        Map<String, Long> previewed = new LinkedHashMap<>();
        preview.entries().forEach(e -> previewed.put(e.code(), e.customers()));
        Map<String, Long> segmented = new LinkedHashMap<>();
        for (SegmentRow row : new Snapshots(ds).segments(run, "custom")) segmented.put(row.code(), row.customers());
        assertThat(previewed).isEqualTo(segmented);
        assertThat(previewed.keySet()).containsExactly("CHAMPS", "BIG", "LIKELY", "RECENT", "REST_OF_R5", "OTHER");
        assertThat(previewed.values()).filteredOn(n -> n > 0).hasSizeGreaterThan(3);
        assertThat(preview.scoredCustomers())
                .isEqualTo(new Snapshots(ds).run(run).orElseThrow().customersScored());

        // random rules: the query counts exactly what the Java rules count on the same rows
        LoadedSnapshotFacts facts = LoadedSnapshotFacts.load(ds, run);
        assertThat(new Snapshots(ds).run(run).orElseThrow().modelStatus()).isEqualTo("FITTED");
        SplittableRandom random = new SplittableRandom(20261130);
        try (Connection c = ds.getConnection()) {
            for (int set = 0; set < 300; set++) {
                List<RuleText> rules = new ArrayList<>();
                int n = 1 + random.nextInt(6);
                for (int k = 0; k < n; k++) rules.add(rule("R" + k, randomConditions(random, facts)));
                CustomSegmentScheme scheme = CustomSegments.compile(rules);
                assertThat(RulePreviewQuery.of(scheme).count(c, run))
                        .as("rules %s", rules)
                        .isEqualTo(scheme.preview(facts));
            }
        }
        // no rules: every scored customer is Other
        assertThat(segments.preview(List.of()).orElseThrow().entries())
                .singleElement()
                .satisfies(e -> assertThat(e.customers()).isEqualTo(preview.scoredCustomers()));
    }

    private static RuleText rule(String code, String conditions) {
        return new RuleText(code, code, null, null, null, conditions);
    }

    /** Zero to four conditions; bounds often a customer's own value, so that closed ends are tested. */
    private static String randomConditions(SplittableRandom random, LoadedSnapshotFacts facts) {
        List<String> lines = new ArrayList<>();
        int conditions = random.nextInt(5);
        for (int k = 0; k < conditions; k++) {
            int i;
            do i = random.nextInt(facts.size());
            while (!facts.scored(i)); // a scored customer's values: the bounds the rules can meet exactly
            String key =
                    switch (random.nextInt(10)) {
                        case 0 -> "rScore";
                        case 1 -> "fScore";
                        case 2 -> "mScore";
                        case 3 -> "recencyDays";
                        case 4 -> "frequency";
                        case 5 -> "monetary";
                        case 6 -> "pAlive";
                        case 7 -> "predictedClv";
                        case 8 -> "stages";
                        default -> "abc";
                    };
            String value =
                    switch (key) {
                        case "rScore", "fScore", "mScore" ->
                            range(random, 1 + random.nextInt(5), 1 + random.nextInt(5));
                        case "recencyDays" -> range(random, facts.recencyDays(i), random.nextInt(20_000));
                        case "frequency" -> range(random, facts.frequency(i), random.nextInt(30));
                        case "monetary" ->
                            range(
                                    random,
                                    BigDecimal.valueOf(facts.monetaryTenThousandths(i), 4)
                                            .toPlainString(),
                                    BigDecimal.valueOf(
                                                    random.nextLong(-10_000_000, 100_000_000_000L), random.nextInt(5))
                                            .toPlainString());
                        case "pAlive" ->
                            range(random, plain(facts.probabilityAlive(i), 15), plain(random.nextDouble(), 3));
                        case "predictedClv" ->
                            range(random, plain(facts.predictedClv(i), 4), plain(random.nextDouble() * 5_000, 2));
                        case "stages" -> random.nextBoolean() ? "ACTIVE,NEW" : "DORMANT,LOST,REACTIVATED";
                        default -> random.nextBoolean() ? "A" : "B,C";
                    };
            lines.add(key + "=" + value);
        }
        return String.join("\n", lines);
    }

    /** {@code a..b}, {@code a..}, {@code ..a} or {@code a}, with the smaller end first. */
    private static String range(SplittableRandom random, Object a, Object b) {
        String x = a.toString();
        String y = b.toString();
        if (new BigDecimal(x).compareTo(new BigDecimal(y)) > 0) {
            String t = x;
            x = y;
            y = t;
        }
        return switch (random.nextInt(4)) {
            case 0 -> x + ".." + y;
            case 1 -> x + "..";
            case 2 -> ".." + y;
            default -> x;
        };
    }

    private static String plain(double value, int decimals) {
        if (Double.isNaN(value)) return "0";
        return new BigDecimal(value)
                .setScale(decimals, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros()
                .toPlainString();
    }
}
