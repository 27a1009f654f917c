package dev.rfm.analytics.computation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rfm.analytics.clv.BgNbdParameters;
import dev.rfm.analytics.clv.GammaGammaParameters;
import dev.rfm.analytics.clv.ModelTimeUnit;
import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.migration.PreviousAssignments;
import dev.rfm.analytics.profile.ScoringProfile;
import dev.rfm.analytics.segment.SegmentScheme;
import dev.rfm.analytics.testdata.CdnowSample;
import org.junit.jupiter.api.Test;

/**
 * A whole run over the CDNOW sample (skipped without the shared data): the published model values
 * come out of {@link ScoringComputation} as they do from the models alone, and the per-customer
 * predictions are wired to the right customers.
 */
class CdnowRunTest {

    @Test
    void wholeRunInWeeks() {
        var dir = CdnowSample.cdnowDirectory();
        ScoringProfile profile =
                ScoringProfile.builder().modelTimeUnit(ModelTimeUnit.WEEKS).build();
        var histories =
                CdnowSample.histories(dir, ScoringComputation.historiesBuilder(profile, CdnowSample.REFERENCE_DATE));

        long start = System.nanoTime();
        ScoringOutcome outcome =
                ScoringComputation.compute(histories, profile, PreviousAssignments.none(), ProgressListener.NONE);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("CDNOW whole run: %d customers in %d ms%n", outcome.size(), millis);

        assertThat(outcome.modelPartFailed()).isFalse();
        assertThat(outcome.scoredCustomers()).isEqualTo(2357);
        BgNbdParameters bgnbd = outcome.purchaseModel().parameters();
        assertThat(bgnbd.r()).isCloseTo(0.243, within(0.0005));
        assertThat(bgnbd.alpha()).isCloseTo(4.414, within(0.0005));
        assertThat(outcome.purchaseModel().logLikelihood()).isCloseTo(-9582.4, within(0.05));
        GammaGammaParameters gg = outcome.spendModel().parameters();
        assertThat(gg.p()).isCloseTo(6.25, within(0.005));

        // master id 4 = sample id 1: orders 1997-01-01 29.33, 01-18 29.73, 08-02 14.96 (12-12 is after the
        // reference date): x = 2, t_x = 213 days (30.43 weeks), T = 272 days (38.86), m_x = 44.69 / 2
        int i = outcome.indexOf(4);
        assertThat(outcome.probabilityAlive(i))
                .isCloseTo(bgnbd.probabilityAlive(2, 213 / 7.0, 272 / 7.0), within(1e-12));
        assertThat(outcome.expectedPurchases(i, 365))
                .isCloseTo(bgnbd.conditionalExpectedPurchases(365 / 7.0, 2, 213 / 7.0, 272 / 7.0), within(1e-12));
        assertThat(outcome.expectedPurchases(i, 30)).isLessThan(outcome.expectedPurchases(i, 90));
        assertThat(outcome.expectedAverageOrderValue(i))
                .isCloseTo(gg.conditionalExpectedValue(2, 22.345), within(1e-9));
        assertThat(outcome.predictedClv(i))
                .isCloseTo(
                        profile.clvSettings().predictedClv(bgnbd, gg, 2, 213 / 7.0, 272 / 7.0, 22.345), within(1e-9));
        assertThat(outcome.historicalClv(i)).isEqualByComparingTo("74.02"); // 29.33 + 29.73 + 14.96
        // derived thresholds: 90th percentile of the 946 repeat customers' ceil(t_x / x) is 151 days
        // (independent check: a few lines of Python over cdnow_sample_orders.csv); lost = 302
        assertThat(outcome.lifecycleThresholds().dormantDays()).isEqualTo(151);
        assertThat(outcome.lifecycleThresholds().lostDays()).isEqualTo(302);
        assertThat(outcome.lifecycleThresholds().repeatCustomers()).isEqualTo(946);
        assertThat(outcome.recencyDays(i)).isEqualTo(60); // 1997-08-02 .. 10-01
        assertThat(outcome.stage(i)).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(outcome.segmentSummary(SegmentScheme.STANDARD).stream()
                        .mapToDouble(SummaryRow::share)
                        .sum())
                .isCloseTo(1, within(1e-12));
        assertThat(millis).isLessThan(5_000);
    }
}
