package dev.rfm.domain.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Writes a seeded synthetic import file of realistic shape: one customer in ten lines, customers' order
 * counts skewed (a few buy a lot, most rarely), a quarter of the lines are further item lines of the order
 * before, some refunds, some date-times, channel, name and e-mail on every line. The same seed gives the
 * same file.
 */
final class SyntheticOrders {

    static final String HEADER = "customer_id,order_id,order_date,amount,quantity,channel,customer_name,customer_email";
    private static final String[] CHANNELS = {"web", "store", "app", "phone"};
    private static final String[] FIRST_NAMES = {"Ana", "Ben", "Chen", "Dana", "Emil", "Fatima", "Gus", "Hana"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2022, 1, 1);

    private SyntheticOrders() {}

    /**
     * Writes {@code rows} data lines to {@code file}.
     *
     * @param orderPrefix distinguishes the order ids of several files (e.g. {@code "A"}, {@code "B"})
     */
    static void write(Path file, long rows, long seed, String orderPrefix) throws IOException {
        long customers = Math.max(1, rows / 10);
        SplittableRandom random = new SplittableRandom(seed);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write(HEADER);
            out.write('\n');
            long order = 0;
            long customer = 0;
            String date = null;
            String channel = null;
            for (long row = 0; row < rows; row++) {
                boolean itemLine = order > 0 && random.nextInt(4) == 0;
                if (!itemLine) {
                    order++;
                    double u = random.nextDouble();
                    customer = 1 + (long) (customers * u * u); // skewed: low ids buy more
                    LocalDate day = FIRST_DAY.plusDays(random.nextInt(730));
                    date = random.nextInt(10) == 0
                            ? day + "T" + two(random.nextInt(24)) + ":" + two(random.nextInt(60)) + ":"
                                    + two(random.nextInt(60))
                            : day.toString();
                    channel = CHANNELS[random.nextInt(CHANNELS.length)];
                }
                long cents = 100 + random.nextInt(49_900);
                if (random.nextInt(33) == 0) {
                    cents = -cents;
                }
                out.write('C');
                out.write(Long.toString(customer));
                out.write(',');
                out.write(orderPrefix);
                out.write(Long.toString(order));
                out.write(',');
                out.write(date);
                out.write(',');
                out.write(Long.toString(cents / 100));
                out.write('.');
                out.write(two((int) Math.abs(cents % 100)));
                out.write(',');
                out.write(Integer.toString(1 + random.nextInt(3)));
                out.write(',');
                out.write(channel);
                out.write(',');
                String first = FIRST_NAMES[(int) (customer % FIRST_NAMES.length)];
                out.write(first);
                out.write(" Customer");
                out.write(Long.toString(customer));
                out.write(',');
                out.write(first.toLowerCase());
                out.write('.');
                out.write(Long.toString(customer));
                out.write("@example.com\n");
            }
        }
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
