package dev.rfm.analytics.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Hand-computed histories; every expected number is worked out in the comment above it. */
class CustomerHistoriesTest {

    private static final LocalDate REFERENCE = LocalDate.of(1997, 10, 1);

    private static int day(String isoDate) {
        return (int) LocalDate.parse(isoDate).toEpochDay();
    }

    private static long amount(String decimal) {
        return Amounts.toTenThousandths(new java.math.BigDecimal(decimal));
    }

    @Test
    void metricsAndModelInputsOfOneCustomerWithSameDayOrdersRefundsAndAFreeOrder() {
        var builder = CustomerHistories.builder(REFERENCE);
        builder.add(7, day("1997-01-01"), amount("10.00"));
        builder.add(7, day("1997-01-01"), amount("5.00")); // second order, same day
        builder.add(7, day("1997-02-01"), amount("-3.00")); // refund only: not a purchase day
        builder.add(7, day("1997-03-01"), amount("0.00")); // free goods: a purchase
        builder.add(7, day("1997-09-30"), amount("20.00"));
        builder.add(7, day("1997-10-01"), amount("99.00")); // on the reference date: ignored
        CustomerHistories h = builder.build();

        assertThat(h.size()).isEqualTo(1);
        assertThat(h.hasPurchase(0)).isTrue();
        assertThat(h.hasPurchaseInWindow(0)).isTrue();
        // last purchase 1997-09-30, the day before the reference date
        assertThat(h.recencyDays(0)).isEqualTo(1);
        // orders with amount >= 0: 10.00, 5.00, 0.00, 20.00
        assertThat(h.frequency(0)).isEqualTo(4);
        // 10 + 5 - 3 + 0 + 20
        assertThat(h.windowNetTenThousandths(0)).isEqualTo(amount("32.00"));
        assertThat(h.averageOrderValueTenThousandths(0)).isEqualTo(amount("8.00"));
        assertThat(h.historicalNetTenThousandths(0)).isEqualTo(amount("32.00"));
        assertThat(h.firstPurchaseDate(0)).isEqualTo(LocalDate.of(1997, 1, 1));
        // purchase days 01-01, 03-01, 09-30: the first is time zero, so x = 2
        assertThat(h.repeatTransactions(0)).isEqualTo(2);
        // 1997-01-01 .. 1997-09-30 = 272 days (DOMAIN.md: T = 272 days = 38.857 weeks)
        assertThat(h.recencyInModelDays(0)).isEqualTo(272);
        assertThat(h.ageInModelDays(0)).isEqualTo(272);
        // after the first purchase day: -3 + 0 + 20
        assertThat(h.repeatNetTenThousandths(0)).isEqualTo(amount("17.00"));
    }

    @Test
    void customersWithOnlyRefundsOrNoOrdersAreProspects() {
        var builder = CustomerHistories.builder(REFERENCE);
        builder.addCustomer(1);
        builder.add(2, day("1997-05-05"), amount("-12.50"));
        builder.add(2, day("1997-06-05"), amount("-1.00"));
        builder.add(3, day("1997-11-01"), amount("40.00")); // only after the reference date
        CustomerHistories h = builder.build();

        assertThat(h.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(h.hasPurchase(i)).as("customer index %d", i).isFalse();
            assertThat(h.hasPurchaseInWindow(i)).isFalse();
            assertThat(h.repeatTransactions(i)).isZero();
            assertThat(h.firstPurchaseDate(i)).isNull();
        }
        assertThat(h.historicalNetTenThousandths(1)).isEqualTo(amount("-13.50"));
        assertThat(h.historicalNetTenThousandths(2)).isZero();
    }

    @Test
    void sameDayRefundBeforeThePurchaseBelongsToTheFirstPurchaseDay() {
        var builder = CustomerHistories.builder(REFERENCE);
        builder.add(5, day("1997-03-03"), amount("-5.00"));
        builder.add(5, day("1997-03-03"), amount("20.00"));
        builder.add(5, day("1997-04-03"), amount("7.00"));
        CustomerHistories h = builder.build();

        assertThat(h.firstPurchaseDay(0)).isEqualTo(day("1997-03-03"));
        assertThat(h.repeatTransactions(0)).isEqualTo(1);
        // only the 04-03 purchase is repeat money; the -5 refund nets against the first day
        assertThat(h.repeatNetTenThousandths(0)).isEqualTo(amount("7.00"));
        assertThat(h.frequency(0)).isEqualTo(2);
        assertThat(h.windowNetTenThousandths(0)).isEqualTo(amount("22.00"));
    }

    @Test
    void analysisWindowShapesRfmMetricsButNotModelInputs() {
        var builder = CustomerHistories.builder(REFERENCE, LocalDate.of(1997, 6, 1));
        builder.add(1, day("1997-01-10"), amount("100.00"));
        builder.add(1, day("1997-07-01"), amount("50.00"));
        builder.add(2, day("1997-02-01"), amount("30.00")); // before the window only
        CustomerHistories h = builder.build();

        assertThat(h.windowStart()).isEqualTo(LocalDate.of(1997, 6, 1));
        // customer 1: in window only the 07-01 order
        assertThat(h.frequency(0)).isEqualTo(1);
        assertThat(h.windowNetTenThousandths(0)).isEqualTo(amount("50.00"));
        // 1997-07-01 .. 1997-10-01 = 30 + 31 + 31 = 92 days
        assertThat(h.recencyDays(0)).isEqualTo(92);
        // model inputs over all history: x = 1, t_x = 01-10..07-01 = 172 days, T = 01-10..09-30 = 263
        assertThat(h.repeatTransactions(0)).isEqualTo(1);
        assertThat(h.recencyInModelDays(0)).isEqualTo(172);
        assertThat(h.ageInModelDays(0)).isEqualTo(263);
        assertThat(h.historicalNetTenThousandths(0)).isEqualTo(amount("150.00"));
        // customer 2 bought, but not in the window: unscored, not a prospect
        assertThat(h.hasPurchase(1)).isTrue();
        assertThat(h.hasPurchaseInWindow(1)).isFalse();
        assertThat(h.frequency(1)).isZero();
    }

    @Test
    void lookupByCustomerId() {
        var builder = CustomerHistories.builder(REFERENCE);
        builder.add(10, day("1997-01-01"), 1);
        builder.addCustomer(20);
        builder.add(30, day("1997-01-01"), 1);
        CustomerHistories h = builder.build();

        assertThat(h.indexOf(20)).isEqualTo(1);
        assertThat(h.customerId(2)).isEqualTo(30);
        assertThat(h.indexOf(25)).isNegative();
    }

    @Test
    void rejectsUnsortedInputWithTheFieldInTheMessage() {
        var byCustomer = CustomerHistories.builder(REFERENCE);
        byCustomer.add(2, day("1997-01-01"), 1);
        assertThatThrownBy(() -> byCustomer.add(1, day("1997-01-02"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customerId must ascend");

        var byDay = CustomerHistories.builder(REFERENCE);
        byDay.add(2, day("1997-01-05"), 1);
        assertThatThrownBy(() -> byDay.add(2, day("1997-01-04"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epochDay must not decrease");

        assertThatThrownBy(() -> CustomerHistories.builder(REFERENCE, REFERENCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("windowStart must be before referenceDate");
    }

    @Test
    void buildsOneMillionCustomersWithTenMillionOrdersQuickly() {
        // The brief: ~1 s for 1M customers / 10M rows. The bound here is generous (shared 2-core
        // machine) but still fails on per-order allocation or quadratic growth.
        int customers = 1_000_000;
        int start = day("1995-01-01");
        long began = System.nanoTime();
        var builder = CustomerHistories.builder(REFERENCE);
        long checksum = 0;
        for (int c = 0; c < customers; c++) {
            for (int k = 0; k < 10; k++) {
                int d = start + (c % 97) + 73 * k;
                long a = (k == 3) ? -1_0000 : 25_0000 + c % 1000;
                builder.add(c, d, a);
                checksum += a;
            }
        }
        CustomerHistories h = builder.build();
        long millis = (System.nanoTime() - began) / 1_000_000;

        long total = 0;
        for (int i = 0; i < h.size(); i++) {
            total += h.historicalNetTenThousandths(i);
        }
        assertThat(h.size()).isEqualTo(customers);
        assertThat(total).isEqualTo(checksum);
        assertThat(h.repeatTransactions(0)).isEqualTo(8); // 10 days, one refund-only day, first is time zero
        System.out.printf("CustomerHistories: 1M customers / 10M orders in %d ms%n", millis);
        assertThat(millis).isLessThan(8_000);
    }
}
