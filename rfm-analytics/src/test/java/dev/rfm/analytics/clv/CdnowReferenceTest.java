package dev.rfm.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.rfm.analytics.history.CustomerHistories;
import dev.rfm.analytics.testdata.CdnowSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published CDNOW reference values (DOMAIN.md, "Published reference values"), reproduced from
 * the raw orders through the product's own data preparation: {@code cdnow_sample_orders.csv} (one
 * row per order, several per customer and day) into {@link CustomerHistories} as of 1997-10-01,
 * in weeks.
 *
 * <p>Sources: BG/NBD r, alpha, a, b, LL and E[X(t)]: Fader, Hardie &amp; Lee (2005) and Hardie's
 * spreadsheet, reproduced by lifetimes/BTYD/CLVTools; Gamma-Gamma p, q, gamma: Fader &amp; Hardie
 * note 025. Parameters are asserted to half a unit of the last published digit (so they round to
 * the published value), predictions to three significant digits as the brief asks.
 */
class CdnowReferenceTest {

    private static CustomerHistories histories;
    private static ModelFit<BgNbdParameters> bgnbd;
    private static ModelFit<GammaGammaParameters> gammaGamma;
    private static long bgnbdMillis;
    private static long gammaGammaMillis;

    @BeforeAll
    static void fit() {
        histories = CdnowSample.histories(CdnowSample.cdnowDirectory());
        BgNbdData data = BgNbdData.fromHistories(histories, ModelTimeUnit.WEEKS);
        long start = System.nanoTime();
        bgnbd = BgNbdModel.fit(data);
        bgnbdMillis = (System.nanoTime() - start) / 1_000_000;
        GammaGammaData spend = GammaGammaData.fromHistories(histories);
        start = System.nanoTime();
        gammaGamma = GammaGammaModel.fit(spend);
        gammaGammaMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
                "CDNOW fits: BG/NBD %d ms (%d groups, %d iterations, %d evaluations), Gamma-Gamma %d ms (%d groups, %d evaluations)%n",
                bgnbdMillis,
                bgnbd.groups(),
                bgnbd.iterations(),
                bgnbd.evaluations(),
                gammaGammaMillis,
                gammaGamma.groups(),
                gammaGamma.evaluations());
    }

    /** |actual - published| within half a unit of the third significant digit of published. */
    private static void assertThreeSignificantDigits(double actual, double published) {
        double unit = Math.pow(10, Math.floor(Math.log10(Math.abs(published))) - 2);
        assertThat(actual).as("%s to 3 significant digits", published).isCloseTo(published, within(unit / 2));
    }

    @Test
    void bgNbdParametersAndLogLikelihood() {
        assertThat(bgnbd.converged()).as(bgnbd.message()).isTrue();
        assertThat(bgnbd.customers()).isEqualTo(2357);
        BgNbdParameters p = bgnbd.parameters();
        assertThat(p.unit()).isEqualTo(ModelTimeUnit.WEEKS);
        assertThat(p.r()).isCloseTo(0.243, within(0.0005));
        assertThat(p.alpha()).isCloseTo(4.414, within(0.0005));
        assertThat(p.a()).isCloseTo(0.793, within(0.0005));
        assertThat(p.b()).isCloseTo(2.426, within(0.0005));
        assertThat(bgnbd.logLikelihood()).isCloseTo(-9582.4, within(0.05));
    }

    @Test
    void gammaGammaOnTheRepeatCustomers() {
        assertThat(gammaGamma.converged()).as(gammaGamma.message()).isTrue();
        assertThat(gammaGamma.customers()).isEqualTo(946);
        GammaGammaParameters p = gammaGamma.parameters();
        assertThat(p.p()).isCloseTo(6.25, within(0.005));
        assertThat(p.q()).isCloseTo(3.74, within(0.005));
        assertThat(p.gamma()).isCloseTo(15.44, within(0.005));
    }

    @Test
    void conditionalAndUnconditionalExpectations() {
        BgNbdParameters p = bgnbd.parameters();
        assertThreeSignificantDigits(p.conditionalExpectedPurchases(39, 2, 30.43, 38.86), 1.226);
        assertThreeSignificantDigits(p.expectedPurchases(1), 0.0532);
        assertThreeSignificantDigits(p.expectedPurchases(3), 0.1506);
        assertThreeSignificantDigits(p.expectedPurchases(32), 1.0437);
        assertThreeSignificantDigits(p.expectedPurchases(78), 1.8576);
    }

    @Test
    void fitsAreFastOnGroupedData() {
        // the brief: < 2 s on grouped data; generous for a shared 2-core machine, includes JIT warm-up
        assertThat(bgnbdMillis).isLessThan(2_000);
        assertThat(gammaGammaMillis).isLessThan(2_000);
    }

    /**
     * The data preparation against Hardie's own calibration summary ({@code
     * cdnow_customers_summary_with_transactions.csv}: ID, x, t_x, T in weeks and zbar, 2 dp). Its
     * IDs are the sample ids of {@code CDNOW_sample.txt} (column 2), whose column 1 is the master
     * id used in the orders file; the mapping is read from there, not assumed.
     */
    @Test
    void everyCustomerMatchesHardiesCalibrationSummary() throws IOException {
        Path dir = CdnowSample.cdnowDirectory();
        Map<Long, Long> masterBySample = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("CDNOW_sample.txt"))) {
            String[] f = line.trim().split("\\s+");
            masterBySample.put(Long.parseLong(f[1]), Long.parseLong(f[0]));
        }
        assertThat(masterBySample).hasSize(2357);

        int checked = 0;
        try (CsvReader<NamedCsvRecord> csv =
                CsvReader.builder().ofNamedCsvRecord(dir.resolve("cdnow_customers_summary_with_transactions.csv"))) {
            for (NamedCsvRecord row : csv) {
                long master = masterBySample.get(Long.parseLong(row.getField("ID")));
                int i = histories.indexOf(master);
                assertThat(i).as("master id %d", master).isNotNegative();
                String who = "sample id " + row.getField("ID");
                int x = histories.repeatTransactions(i);
                assertThat(x).as(who).isEqualTo(Integer.parseInt(row.getField("x")));
                assertThat(histories.recencyInModelDays(i) / 7.0)
                        .as(who)
                        .isCloseTo(Double.parseDouble(row.getField("t_x")), within(0.005 + 1e-9));
                assertThat(histories.ageInModelDays(i) / 7.0)
                        .as(who)
                        .isCloseTo(Double.parseDouble(row.getField("T")), within(0.005 + 1e-9));
                double zbar = x == 0 ? 0 : histories.repeatNetTenThousandths(i) / 10_000.0 / x;
                assertThat(zbar).as(who).isCloseTo(Double.parseDouble(row.getField("zbar")), within(0.005 + 1e-9));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(2357);
    }
}
