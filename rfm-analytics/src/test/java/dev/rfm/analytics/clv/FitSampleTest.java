package dev.rfm.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.rfm.analytics.history.CustomerHistories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Large data is fitted on a deterministic sample of customers, and whole-day data uses log tables;
 * both must leave the estimates honest.
 */
class FitSampleTest {

    private static CustomerHistories histories;

    @BeforeAll
    static void simulate() {
        histories = new BgNbdSimulation(3, 30_000, 365, 1095, 0.6, 120, 0.8, 3.0, 6, 4, 15).histories(1095);
    }

    @Test
    void theSampleIsDeterministicSizedAndReported() {
        BgNbdData sample = BgNbdData.fromHistories(histories, ModelTimeUnit.DAYS, 10_000);
        BgNbdData again = BgNbdData.fromHistories(histories, ModelTimeUnit.DAYS, 10_000);

        assertThat(sample.eligibleCustomers()).isEqualTo(30_000);
        // binomial(30,000, 1/3): sd 82, so +-500 is over 6 sd
        assertThat(sample.customers()).isCloseTo(10_000L, within(500L));
        assertThat(again.customers()).isEqualTo(sample.customers());
        assertThat(again.groups()).isEqualTo(sample.groups());
        assertThat(BgNbdData.fromHistories(histories, ModelTimeUnit.DAYS, 50_000)
                        .customers())
                .isEqualTo(30_000);

        ModelFit<BgNbdParameters> fit = BgNbdModel.fit(sample);
        assertThat(fit.sampled()).isTrue();
        assertThat(fit.customers()).isEqualTo(sample.customers());
        assertThat(fit.eligibleCustomers()).isEqualTo(30_000);
        // a third of the data: standard errors grow by sqrt(3) over SimulationRecoveryTest's
        assertThat(fit.parameters().r()).isCloseTo(0.6, withinPercentage(8));
        assertThat(fit.parameters().alpha()).isCloseTo(120, withinPercentage(8));
        assertThat(fit.parameters().a()).isCloseTo(0.8, withinPercentage(20));
        assertThat(fit.parameters().b()).isCloseTo(3.0, withinPercentage(20));

        GammaGammaData spend = GammaGammaData.fromHistories(histories, 5_000);
        assertThat(spend.customers()).isLessThan(spend.eligibleCustomers()).isCloseTo(5_000L, within(400L));
    }

    @Test
    void logTablesForWholeDaysGiveTheSameLikelihood() {
        BgNbdData grouped = BgNbdData.fromHistories(histories, ModelTimeUnit.WEEKS);
        int n = grouped.groups();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = grouped.x(k);
            tx[k] = grouped.tx(k);
            age[k] = grouped.age(k);
            w[k] = grouped.weight(k);
        }
        BgNbdData plain = BgNbdData.of(ModelTimeUnit.WEEKS, x, tx, age, w); // no whole-day tables
        double[] theta = {Math.log(0.6), Math.log(120 / 7.0), Math.log(0.8), Math.log(3.0)};
        double[] g1 = new double[4];
        double[] g2 = new double[4];

        double tables = new BgNbdLikelihood(grouped).valueAndGradient(theta, g1);
        double direct = new BgNbdLikelihood(plain).valueAndGradient(theta, g2);

        assertThat(tables).isCloseTo(direct, withinPercentage(1e-10));
        for (int i = 0; i < 4; i++) {
            assertThat(g1[i]).isCloseTo(g2[i], within(1e-8 * Math.max(1, Math.abs(g2[i]))));
        }
    }
}
