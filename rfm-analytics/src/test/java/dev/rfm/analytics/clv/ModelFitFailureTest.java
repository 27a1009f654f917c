package dev.rfm.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.analytics.history.CustomerHistories;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Fits that cannot be made are reported with a reason, never thrown or silently dropped. */
class ModelFitFailureTest {

    @Test
    void bgNbdWithoutRepeatCustomersFails() {
        var builder = CustomerHistories.builder(LocalDate.of(2024, 1, 1));
        builder.add(1, (int) LocalDate.of(2023, 5, 1).toEpochDay(), 10_0000);
        builder.add(2, (int) LocalDate.of(2023, 6, 1).toEpochDay(), 10_0000);
        ModelFit<BgNbdParameters> fit = BgNbdModel.fit(BgNbdData.fromHistories(builder.build(), ModelTimeUnit.DAYS));

        assertThat(fit.status()).isEqualTo(ModelFit.Status.FAILED);
        assertThat(fit.converged()).isFalse();
        assertThat(fit.parameters()).isNull();
        assertThat(fit.customers()).isEqualTo(2);
        assertThat(fit.message()).contains("no repeat customers");
    }

    @Test
    void emptyDataFails() {
        var fit = BgNbdModel.fit(
                BgNbdData.of(ModelTimeUnit.DAYS, new int[0], new double[0], new double[0], new double[0]));

        assertThat(fit.status()).isEqualTo(ModelFit.Status.FAILED);
        assertThat(fit.message()).isEqualTo("no customers with a purchase");
    }

    @Test
    void gammaGammaNeedsTenRepeatCustomers() {
        var fit = GammaGammaModel.fit(GammaGammaData.of(new int[] {1, 2}, new double[] {5, 6}, new double[] {4, 5}));

        assertThat(fit.status()).isEqualTo(ModelFit.Status.FAILED);
        assertThat(fit.message()).isEqualTo("needs at least 10 repeat customers with positive spend, had 9");
    }

    @Test
    void unidentifiedModelIsNotConverged() {
        // every customer buys exactly twice at the same spacing: no heterogeneity, parameters run off
        int n = 50;
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 1;
            tx[i] = 10;
            age[i] = 10;
            w[i] = 1;
        }
        var fit = BgNbdModel.fit(BgNbdData.of(ModelTimeUnit.DAYS, x, tx, age, w));

        assertThat(fit.status()).isEqualTo(ModelFit.Status.NOT_CONVERGED);
        assertThat(fit.parameters()).isNotNull();
        assertThat(fit.message()).isNotBlank();
    }

    @Test
    void aFitMustSayWhyItIsNotConverged() {
        assertThatThrownBy(() -> new ModelFit<>(ModelFit.Status.NOT_CONVERGED, "p", 0, 0, 0, 0, 1, 1, 1, null))
                .hasMessage("message must say why a fit is NOT_CONVERGED");
    }
}
