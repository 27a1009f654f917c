package dev.rfm.analytics.testdata;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.rfm.analytics.history.Amounts;
import dev.rfm.analytics.history.CustomerHistories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The CDNOW 1/10 sample from {@code <rfm.shared.dir>/data/cdnow/} (see its README for provenance),
 * fed through {@link CustomerHistories.Builder} exactly as the product would: one row per order,
 * sorted by customer id, then date. Tests using it are skipped when the shared directory is absent.
 */
public final class CdnowSample {

    /** Calibration ends 1997-09-30: a run as of 1997-10-01. */
    public static final LocalDate REFERENCE_DATE = LocalDate.of(1997, 10, 1);

    private CdnowSample() {}

    /** The shared data directory, or a skipped test (JUnit assumption) if it is not there. */
    public static Path cdnowDirectory() {
        String shared = System.getProperty("rfm.shared.dir");
        Assumptions.assumeTrue(shared != null, "system property rfm.shared.dir not set");
        Path dir = Path.of(shared, "data", "cdnow");
        Assumptions.assumeTrue(
                Files.isReadable(dir.resolve("cdnow_sample_orders.csv")), "CDNOW sample not found in " + dir);
        return dir;
    }

    public record Order(long customerId, int epochDay, long amount) {}

    public static List<Order> orders(Path dir) {
        List<Order> orders = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> csv =
                CsvReader.builder().ofNamedCsvRecord(dir.resolve("cdnow_sample_orders.csv"))) {
            for (NamedCsvRecord row : csv) {
                orders.add(new Order(
                        Long.parseLong(row.getField("customer_id")),
                        (int) LocalDate.parse(row.getField("order_date")).toEpochDay(),
                        Amounts.toTenThousandths(new BigDecimal(row.getField("amount")))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the file is in sample-id order; the product reads "order by customer_id, order_date"
        orders.sort(Comparator.comparingLong(Order::customerId).thenComparingInt(Order::epochDay));
        return orders;
    }

    public static CustomerHistories histories(Path dir) {
        return histories(dir, CustomerHistories.builder(REFERENCE_DATE));
    }

    /** Feeds the orders into {@code builder} (e.g. one with a profile's analysis window). */
    public static CustomerHistories histories(Path dir, CustomerHistories.Builder builder) {
        for (Order o : orders(dir)) {
            builder.add(o.customerId(), o.epochDay(), o.amount());
        }
        return builder.build();
    }
}
