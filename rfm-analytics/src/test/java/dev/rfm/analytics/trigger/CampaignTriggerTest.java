package dev.rfm.analytics.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.analytics.campaign.ControlGroupSplit;
import dev.rfm.domain.campaign.Campaign;
import dev.rfm.domain.campaign.CampaignPlan;
import dev.rfm.domain.campaign.CampaignTarget;
import dev.rfm.domain.campaign.Campaigns;
import dev.rfm.domain.testing.TestDatabase;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A trigger for a campaign leaves the campaign's control group out (decision 0015): on both databases, a campaign on
 * the Hibernating customers of {@link TwoRuns}' first run (uploaded as a list), drawn with a fixed seed, whose members all move to Lost in
 * the second run. Who is in the control group is recomputed here with {@link ControlGroupSplit} from the seed.
 */
class CampaignTriggerTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();
    private static final String SECRET = "a-secret-of-16-chars";
    private static final long SEED = 2026;
    private static final double CONTROL_SHARE = 0.25;

    private final TestClock clock = new TestClock(Instant.parse("2025-01-01T04:00:00Z"));

    /** C101..C140: Hibernating in run 1, Lost in run 2. */
    private static final List<String> HIBERNATING = IntStream.rangeClosed(101, 100 + TwoRuns.GENERATED)
            .mapToObj(i -> "C" + i)
            .toList();

    private static final ControlGroupSplit SPLIT = ControlGroupSplit.of(SEED, CONTROL_SHARE);
    private static final List<String> CONTROL =
            HIBERNATING.stream().filter(SPLIT::isControl).toList();
    private static final List<String> TREATMENT =
            HIBERNATING.stream().filter(id -> !SPLIT.isControl(id)).toList();

    private TriggerEngine engine(DataSource ds) {
        return new TriggerEngine(
                ds,
                4,
                new WebhookSender(Duration.ofSeconds(5)),
                new TriggerRetry(Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(600)),
                clock,
                "a",
                TwoRuns.SECRETS);
    }

    private static Campaign winBackHibernating(DataSource ds) throws Exception {
        CampaignPlan plan = new CampaignPlan(
                "Win back Hibernating",
                new CampaignTarget.CustomerList(HIBERNATING), // the Hibernating of the first run, as an uploaded list
                CONTROL_SHARE,
                SEED,
                LocalDate.of(2025, 1, 2),
                30);
        return new Campaigns(ds).create(plan, SPLIT::isControl, "anna", LocalDateTime.of(2025, 1, 1, 9, 0));
    }

    private static TriggerSettings intoLost(String url, Long campaignId) {
        return new TriggerSettings("Lost", "standard", "LOST", null, url, SECRET, null, true, campaignId);
    }

    private static List<String> sentIds(List<JsonObject> batches) {
        List<String> ids = new ArrayList<>();
        for (JsonObject b : batches) {
            b.getJsonArray("customers").getValuesAs(JsonObject.class).forEach(c -> ids.add(c.getString("customerId")));
        }
        return ids;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theBatchesCarryTheTreatmentMoversAndNoneOfTheControlGroup(TestDatabase database) throws Exception {
        assertThat(CONTROL).as("the seed puts movers in both groups").isNotEmpty();
        assertThat(TREATMENT).isNotEmpty();
        DataSource ds = DATABASES.get(database);
        long[] runs = TwoRuns.write(ds);
        Campaign campaign = winBackHibernating(ds);
        assertThat(campaign.controlCustomers()).isEqualTo(CONTROL.size());

        try (Receiver receiver = new Receiver(SECRET, 0)) {
            SegmentTrigger forCampaign = TwoRuns.trigger(ds, intoLost(receiver.url(), campaign.id()));
            TriggerEngine engine = engine(ds);
            assertThat(engine.afterRun(runs[0]))
                    .as("a first run triggers nothing, and so holds nobody out")
                    .extracting(BatchPlanner.Plan::customers, BatchPlanner.Plan::heldOut)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 0L));

            List<BatchPlanner.Plan> plans = engine.afterRun(runs[1]);
            int batches = (TREATMENT.size() + 1 + 3) / 4;
            assertThat(plans)
                    .extracting(BatchPlanner.Plan::customers, BatchPlanner.Plan::batches, BatchPlanner.Plan::heldOut)
                    .as("C8 (Champion → Lost, not in the campaign) and the treatment group; the control group held out")
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(TREATMENT.size() + 1L, batches, (long) CONTROL.size()));
            while (engine.deliverDue() > 0) {
                // sends all batches (the receiver accepts every one)
            }

            List<String> expected = new ArrayList<>(List.of("C8"));
            expected.addAll(TREATMENT);
            assertThat(sentIds(receiver.accepted()))
                    .as("exactly the treatment movers, in customer-key order")
                    .containsExactlyInAnyOrderElementsOf(expected)
                    .doesNotContainAnyElementsOf(CONTROL);
            assertThat(receiver.rejected).hasValue(0);
            assertThat(new TriggerDeliveries(ds).of(forCampaign.id(), 100))
                    .as("the delivery log shows the run's held-out count on each batch")
                    .hasSize(batches)
                    .allSatisfy(d -> {
                        assertThat(d.status()).isEqualTo(BatchStatus.DELIVERED);
                        assertThat(d.heldOut()).isEqualTo(CONTROL.size());
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void withoutACampaignEveryMoverIsSentAsBefore(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long[] runs = TwoRuns.write(ds);
        winBackHibernating(ds);
        SegmentTrigger plain = TwoRuns.trigger(ds, intoLost("https://x", null));
        SegmentTriggers triggers = new SegmentTriggers(ds, TwoRuns.SECRETS);
        assertThat(triggers.find(plain.id()).orElseThrow().settings().campaignId())
                .isNull();

        List<BatchPlanner.Plan> plans = engine(ds).afterRun(runs[1]);
        assertThat(plans)
                .extracting(BatchPlanner.Plan::customers, BatchPlanner.Plan::heldOut)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L + TwoRuns.GENERATED, 0L));
        TriggerDeliveries deliveries = new TriggerDeliveries(ds);
        List<JsonObject> bodies = new ArrayList<>();
        for (int b = 1; b <= plans.get(0).batches(); b++) {
            bodies.add(json(deliveries.body(plain.id(), runs[1], b).orElseThrow()));
        }
        List<String> everyone = new ArrayList<>(List.of("C8"));
        everyone.addAll(HIBERNATING);
        assertThat(sentIds(bodies)).containsExactlyElementsOf(everyone);
        assertThat(deliveries.of(plain.id(), 100))
                .extracting(TriggerDelivery::heldOut)
                .containsOnly(0L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aCampaignIsCheckedStoredAndChangedWithTheTrigger(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long[] runs = TwoRuns.write(ds);
        Campaign campaign = winBackHibernating(ds);
        SegmentTriggers triggers = new SegmentTriggers(ds, TwoRuns.SECRETS);
        var draft = new TriggerSettings.Draft(
                "Lost", "standard", "LOST", null, "https://x", SECRET, null, null, campaign.id() + 1000);
        InvalidTrigger e = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvalidTrigger.class, () -> triggers.check(draft, false, null));
        assertThat(e.problems())
                .extracting(InvalidTrigger.Problem::field, InvalidTrigger.Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "campaignId", "there is no campaign " + (campaign.id() + 1000)));

        var good = new TriggerSettings.Draft(
                "Lost", "standard", "LOST", null, "https://x", SECRET, null, null, campaign.id());
        SegmentTrigger t = triggers.create(triggers.check(good, false, null), "anna", LocalDateTime.now());
        assertThat(t.settings().campaignId()).isEqualTo(campaign.id());
        try (var c = ds.getConnection();
                var delete = c.prepareStatement("delete from campaign where id = ?")) {
            delete.setLong(1, campaign.id());
            org.assertj.core.api.Assertions.assertThatThrownBy(delete::executeUpdate)
                    .as("a campaign a trigger names cannot be deleted (its control group would be sent)")
                    .isInstanceOf(java.sql.SQLException.class);
        }
        var noCampaign = new TriggerSettings.Draft("Lost", "standard", "LOST", null, "https://x", null, null, null);
        assertThat(triggers.update(t.id(), triggers.check(noCampaign, false, t.id()), "ben", LocalDateTime.now())
                        .orElseThrow()
                        .settings()
                        .campaignId())
                .as("an update without it ends the hold-out; the stored secret is kept")
                .isNull();
        assertThat(triggers.hasSecret(t.id())).isTrue();
    }

    private static JsonObject json(String body) {
        return jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject();
    }
}
