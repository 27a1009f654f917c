package dev.rfm.domain.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemLineMergerTest {

    /** Keeps what it is given. */
    private static final class Recording implements LineStager {
        final List<String> rows = new ArrayList<>();

        @Override
        public void add(OrderLine line) {
            rows.add(line.lineNo + "+" + line.lineCount + " " + line.orderId + " " + line.amountText + " "
                    + line.quantity + " " + line.orderedAtText);
        }

        @Override
        public void pause() {}

        @Override
        public long finish() {
            return rows.size();
        }

        @Override
        public void abort() {}
    }

    private static OrderLine line(
            long lineNo, String order, String customer, String amount, Integer quantity, int day) {
        OrderLine line = new OrderLine();
        line.lineNo = lineNo;
        line.orderId = order;
        line.customerId = customer;
        line.amountText = amount;
        line.quantity = quantity;
        line.orderedAt = LocalDateTime.of(2024, 3, day, 0, 0);
        line.orderedAtText = "2024-03-0" + day;
        line.channel = "web";
        return line;
    }

    @Test
    void mergesAdjacentLinesThatAgreeAndNotesOrdersThatComeBack() throws Exception {
        Recording target = new Recording();
        ItemLineMerger merger = new ItemLineMerger(target, -1, 10);
        merger.add(line(2, "O1", "A", "1.5", 1, 3));
        merger.add(line(3, "O1", "A", "-.25", 2, 2));
        merger.add(line(4, "O1", "B", "1", 1, 2)); // another customer: a row of its own
        merger.add(line(6, "O1", "B", "1", 1, 2)); // not the next line number
        merger.add(line(7, "O2", "B", "999999999999999.9999", 1, 1)); // too many digits to sum here
        merger.add(line(8, "O2", "B", "1", 1, 1));
        merger.add(line(9, "O3", "B", "7", null, 1));
        merger.add(line(10, "O3", "B", "8", 1, 1)); // quantity given on one line only
        merger.add(line(11, "O4", "C", "2", null, 4));
        merger.add(line(12, "O4", "C", "3.0001", null, 5));

        assertThat(merger.finish()).isEqualTo(10);
        assertThat(target.rows)
                .containsExactly(
                        "2+2 O1 1.2500 3 2024-03-02",
                        "4+1 O1 1 1 2024-03-02",
                        "6+1 O1 1 1 2024-03-02",
                        "7+1 O2 999999999999999.9999 1 2024-03-01",
                        "8+1 O2 1 1 2024-03-01",
                        "9+1 O3 7 null 2024-03-01",
                        "10+1 O3 8 1 2024-03-01",
                        "11+2 O4 5.0001 null 2024-03-04");
        assertThat(merger.runs()).isEqualTo(8);
        assertThat(merger.possiblyRepeatedOrders()).contains("O1", "O2", "O3");
        assertThat(merger.possiblyRepeatedOrders()).doesNotContain("O4");
    }

    @Test
    void givesUpCollectingBeyondTheLimit() throws Exception {
        ItemLineMerger merger = new ItemLineMerger(new Recording(), -1, 2);
        for (int i = 0; i < 6; i++) {
            merger.add(line(2 + i, "R" + (i % 3), "A", "1", 1, 1));
        }
        merger.finish();
        assertThat(merger.possiblyRepeatedOrders()).isNull();
    }

    @Test
    void amountsAreSummedInTenThousandths() {
        assertThat(ItemLineMerger.units("12")).isEqualTo(120_000);
        assertThat(ItemLineMerger.units("-3.5")).isEqualTo(-35_000);
        assertThat(ItemLineMerger.units("+.99")).isEqualTo(9_900);
        assertThat(ItemLineMerger.units("12.")).isEqualTo(120_000);
        assertThat(ItemLineMerger.units("0.0001")).isEqualTo(1);
        assertThat(ItemLineMerger.units("99999999999999.9999")).isEqualTo(999_999_999_999_999_999L);
        assertThat(ItemLineMerger.units("999999999999999")).isEqualTo(Long.MIN_VALUE);
        assertThat(ItemLineMerger.unitsText(-1)).isEqualTo("-0.0001");
        assertThat(ItemLineMerger.unitsText(1_234_500)).isEqualTo("123.4500");
    }
}
