package dev.rfm.analytics.computation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.analytics.history.CustomerHistories;
import dev.rfm.analytics.migration.PreviousAssignments;
import dev.rfm.analytics.profile.ScoringProfile;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Opt-in scale runs (minutes of CPU, so not part of the normal build): {@code ./mvnw -o -q -pl
 * rfm-analytics test -Dtest=ScaleTest -Drfm.scale=true -Drfm.scale.customers=10000000}. Surefire
 * runs tests with {@code -Xmx2g}. Customers follow BG/NBD and Gamma-Gamma processes (see {@link #feed}).
 */
class ScaleTest {

    @Test
    void wholeRunAtScale() {
        Assumptions.assumeTrue(Boolean.getBoolean("rfm.scale"), "set -Drfm.scale=true to run");
        int customers = Integer.getInteger("rfm.scale.customers", 1_000_000);
        LocalDate reference = LocalDate.of(2024, 1, 1);
        ScoringProfile profile = ScoringProfile.builder().build();

        long start = System.nanoTime();
        CustomerHistories.Builder builder = ScoringComputation.historiesBuilder(profile, reference);
        builder.expectCustomers(customers);
        long orders = feed(builder, customers, (int) reference.toEpochDay());
        CustomerHistories histories = builder.build();
        long built = System.nanoTime();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "scale: %,d customers, %,d orders: histories built in %d ms (including data generation), heap used %d MB of %d MB%n",
                customers,
                orders,
                (built - start) / 1_000_000,
                (rt.totalMemory() - rt.freeMemory()) >> 20,
                rt.maxMemory() >> 20);

        Map<ComputationPhase, Long> entered = new EnumMap<>(ComputationPhase.class);
        ScoringOutcome outcome = ScoringComputation.compute(
                histories,
                profile,
                PreviousAssignments.none(),
                (phase, fraction) -> entered.put(phase, System.nanoTime()));
        long done = System.nanoTime();
        ComputationPhase[] phases = ComputationPhase.values();
        for (int p = 0; p < phases.length - 1; p++) {
            System.out.printf(
                    "scale:   %-16s %6d ms%n",
                    phases[p].label(), (entered.get(phases[p + 1]) - entered.get(phases[p])) / 1_000_000);
        }
        System.out.printf(
                "scale: compute %d ms; BG/NBD %s over %,d groups (%d evaluations); Gamma-Gamma %s over %,d groups; heap used %d MB%n",
                (done - built) / 1_000_000,
                outcome.purchaseModel().status(),
                outcome.purchaseModel().groups(),
                outcome.purchaseModel().evaluations(),
                outcome.spendModel().status(),
                outcome.spendModel().groups(),
                (rt.totalMemory() - rt.freeMemory()) >> 20);
        assertThat(outcome.size()).isEqualTo(customers);
        assertThat(outcome.modelPartFailed()).isFalse();
    }

    /**
     * Customers drawn from BG/NBD (r 0.9, alpha 30 days, a 0.6, b 8) and Gamma-Gamma (p 4, q 3,
     * gamma 60) processes, generated while feeding (nothing stored per customer); orders are spread
     * over a three-year window (about 10 orders per customer), one in twenty is refunded.
     */
    private static long feed(CustomerHistories.Builder builder, int customers, int referenceDay) {
        var random = new org.hipparchus.random.RandomDataGenerator(42);
        long orders = 0;
        for (int id = 0; id < customers; id++) {
            int born = referenceDay - 1 - random.nextInt(0, 1094);
            double lambda = random.nextGamma(0.9, 1 / 30.0);
            double dropout = random.nextBeta(0.6, 8);
            double nu = random.nextGamma(3, 1 / 60.0);
            double t = 0;
            int purchases = 0;
            while (true) {
                int day = born + (int) t;
                long amount = Math.round(random.nextGamma(4, 1 / nu) * 10_000);
                builder.add(id, day, amount);
                orders++;
                if (random.nextInt(20) == 0) {
                    builder.add(id, day, -amount);
                    orders++;
                }
                if (++purchases > 1 && random.nextDouble() < dropout) {
                    break;
                }
                t += random.nextExponential(1 / lambda);
                if (born + t >= referenceDay) {
                    break;
                }
            }
        }
        return orders;
    }
}
