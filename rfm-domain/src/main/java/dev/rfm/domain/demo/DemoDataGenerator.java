package dev.rfm.domain.demo;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes a synthetic retailer's order history in the import CSV format: the product's demo data and its benchmark data.
 *
 * <p>The history is drawn from the models the product fits, so that a new user's first dashboard looks like a real shop
 * and the fitted BG/NBD and Gamma-Gamma parameters can be checked against the true ones below (time unit: days).
 *
 * <h2>Generative process</h2>
 *
 * <ol>
 *   <li><b>Acquisition.</b> The shop opens on {@link DemoDataSettings#firstDay()}. Exactly {@code customers} customers
 *       make their first purchase in the period, spread over the days in proportion to an acquisition weight: more in
 *       November, December and January (gifts, sales) and in a March campaign, fewer in summer, busier on Fridays and
 *       Saturdays, rising 30 % a year as a young shop grows ({@link DemoCalendar}). The allocation rounds cumulative
 *       shares, so the count is exact and customer numbers {@code C000001, C000002, ...} follow the acquisition date.
 *   <li><b>Purchase rate</b> (BG/NBD, Fader, Hardie and Lee 2005). While alive, a customer buys as a Poisson process
 *       with rate λ ~ Gamma(shape r = {@value #PURCHASE_RATE_R}, rate α = {@value #PURCHASE_RATE_ALPHA_DAYS} days): a
 *       mean of one purchase every α / r ≈ 67 days while alive, and a shape well below 1, so that most customers buy
 *       rarely and a few very often. The values are near the ones published for CDNOW (r = 0.243, α = 4.414 weeks = 31
 *       days), real retail data, a little more active. λ is per <em>shopping day</em>: the process runs on the
 *       seasonal clock of {@link DemoCalendar}, so orders peak in November and December (Black Friday, Cyber Monday),
 *       dip in summer, and follow a weekday pattern, while the expected purchases in any whole year keep their BG/NBD law.
 *   <li><b>Drop-out</b> (BG/NBD). After each repeat purchase the customer becomes inactive for good with probability p
 *       ~ Beta(a = {@value #DROPOUT_A}, b = {@value #DROPOUT_B}), a mean of a / (a + b) = 0.2, near CDNOW's a = 0.793,
 *       b = 2.426 (mean 0.25); a &lt; 1 piles mass near 0, so that some customers stay for years. As in BG/NBD there is no
 *       drop-out right after the first purchase; the many customers who never return (about half, as in most retail
 *       data) are the ones with a small λ or a late start. An explicit drop-out at the first purchase (MBG/NBD) would
 *       bias the product's BG/NBD fit, so it is not added.
 *   <li><b>Order value</b> (Gamma-Gamma, Fader, Hardie and Lee 2005, after Colombo and Jiang 1999). Each customer has a
 *       scale ν ~ Gamma(shape q = {@value #SPEND_Q}, rate γ = {@value #SPEND_GAMMA}); each order's value is
 *       Gamma(shape p = {@value #SPEND_P}, rate ν), independent of the purchase timing. The mean order value is
 *       p γ / (q - 1) = 64.00, a general retailer's basket (CDNOW's music orders: 35); q = 3.5 gives the customers'
 *       inverse-gamma mean order values a long right tail with a finite variance, p = 4 a per-order spread of ±50 %.
 *   <li><b>Item lines.</b> An order has 1 line, plus one more with probability {@value #EXTRA_LINE_PROBABILITY} each
 *       time, up to {@value #MAX_LINES} (mean ≈ 1.8). The value is split by Dirichlet(2, ..., 2) shares; each line gets a
 *       quantity (1 in 72 % of lines, up to 6) and a retail unit price ending in .99 or .49 near its share divided by the
 *       quantity. The lines share the order id, as the import contract wants; their amounts add up to the order value.
 *   <li><b>Channel.</b> Each customer has a preferred channel drawn from the shop's mix, web 52 %, store 28 %, app 15 %,
 *       phone 5 %, and uses it for {@value #CHANNEL_LOYALTY} of the orders, the others drawn from the same mix: the
 *       order-level shares stay the mix, while customers look loyal to a channel.
 *   <li><b>Refunds.</b> A purchase is refunded with probability {@value #REFUND_PROBABILITY}, 1 to about 40 days later
 *       (1 + exponential with mean {@value #REFUND_MEAN_DELAY_DAYS} days; refunds due after the last day are not yet
 *       made, so about 2.5 % of orders get one). In {@value #FULL_REFUND_SHARE} of cases, and always for a single item,
 *       the whole order is refunded, otherwise one line, or one unit of a single line. A refund is its own order with
 *       its own id, a negative amount and a negative quantity, on the original's channel. A customer's net amount never
 *       goes below zero.
 *   <li><b>Identity.</b> A name from {@link NameBook}; an e-mail address unique to the customer at an example domain,
 *       missing for {@value #NO_EMAIL_SHARE_IN_STORE} of store-first customers (they never gave one at the till).
 * </ol>
 *
 * <p>With the default settings this gives about 3.4 purchases per customer, 46 % one-time buyers, the top fifth of
 * customers carrying about 68 % of revenue, and 6.2 rows per customer; {@code DemoDataGeneratorTest} checks each against
 * a band, and the one-time and two-time buyer shares against BG/NBD's closed form.
 *
 * <p>Rows are grouped by customer in customer order; a customer's orders are in date order, their ids ascending with it.
 * Dates are {@code yyyy-MM-dd}, amounts have two decimals, lines end in {@code \n}. Every customer draws from their own
 * random stream, seeded from the run's seed and the customer number, so output is repeatable byte for byte.
 *
 * <h2>Usage</h2>
 *
 * <pre>
 * try (Writer out = Files.newBufferedWriter(path)) {
 *     DemoDataSummary written = DemoDataGenerator.of(DemoDataSettings.endingOn(lastDay)).writeCsv(out);
 * }
 * </pre>
 *
 * <p>Memory use does not grow with the customer count: only one customer's orders are held at a time.
 */
public final class DemoDataGenerator {

    /** The import CSV header, columns in the order written. */
    public static final String HEADER =
            "customer_id,order_id,order_date,amount,quantity,channel,customer_name,customer_email";

    /** BG/NBD r: shape of the gamma distribution of purchase rates. */
    public static final double PURCHASE_RATE_R = 0.30;

    /** BG/NBD α in days: rate (inverse scale) of the gamma distribution of purchase rates. */
    public static final double PURCHASE_RATE_ALPHA_DAYS = 20.0;

    /** BG/NBD a: first shape of the beta distribution of drop-out probabilities. */
    public static final double DROPOUT_A = 0.60;

    /** BG/NBD b: second shape of the beta distribution of drop-out probabilities. */
    public static final double DROPOUT_B = 2.40;

    /** Gamma-Gamma p: shape of a customer's order values. */
    public static final double SPEND_P = 4.0;

    /** Gamma-Gamma q: shape of the gamma distribution of the customers' scale ν. */
    public static final double SPEND_Q = 3.5;

    /** Gamma-Gamma γ: rate of the gamma distribution of the customers' scale ν. */
    public static final double SPEND_GAMMA = 40.0;

    /** The sales channels, as written in the {@code channel} column. */
    public static final List<String> CHANNELS = List.of("web", "store", "app", "phone");

    /** The shop's channel mix, in the order of {@link #CHANNELS}. */
    static final double[] CHANNEL_SHARES = {0.52, 0.28, 0.15, 0.05};

    static final double CHANNEL_LOYALTY = 0.8;
    static final double EXTRA_LINE_PROBABILITY = 0.45;
    static final int MAX_LINES = 8;

    /** Cumulative probabilities of line quantities 1 to 6. */
    static final double[] QUANTITY_CUMULATIVE = {0.72, 0.90, 0.96, 0.98, 0.99, 1.0};

    static final double REFUND_PROBABILITY = 0.026;
    static final double REFUND_MEAN_DELAY_DAYS = 9.0;
    static final double FULL_REFUND_SHARE = 0.35;
    static final double NO_EMAIL_SHARE_IN_STORE = 0.12;

    /** The writer gets chunks of this many characters, plus at most one order's rows. */
    static final int FLUSH_CHARS = 16_384;

    private static final int STORE = CHANNELS.indexOf("store");
    private static final double[] CHANNEL_CUMULATIVE = cumulative(CHANNEL_SHARES);

    private final DemoDataSettings settings;
    private final DemoCalendar calendar;

    private DemoDataGenerator(DemoDataSettings settings) {
        this.settings = settings;
        this.calendar = new DemoCalendar(settings.firstDay(), settings.lastDay(), settings.customers());
    }

    /** A generator for the given settings. */
    public static DemoDataGenerator of(DemoDataSettings settings) {
        return new DemoDataGenerator(Objects.requireNonNull(settings, "settings must be given"));
    }

    public DemoDataSettings settings() {
        return settings;
    }

    /**
     * Writes the header and all rows to {@code out}, then flushes it; the caller closes it. Holds one customer's
     * orders at a time and hands the writer chunks of about {@value #FLUSH_CHARS} characters.
     */
    public DemoDataSummary writeCsv(Writer out) throws IOException {
        CsvRows rows = new CsvRows(out);
        rows.header();
        for (int day = 0; day < calendar.days(); day++) {
            for (int customer = calendar.firstCustomerOf(day);
                    customer < calendar.firstCustomerOf(day + 1);
                    customer++) {
                rows.customer(drawCustomer(customer, day));
            }
        }
        rows.flush();
        out.flush();
        return new DemoDataSummary(settings.customers(), rows.purchases, rows.refunds, rows.rows);
    }

    private Customer drawCustomer(int number, int acquisitionDay) {
        RandomVariates random = RandomVariates.forItem(settings.seed(), number);
        double purchaseRate = random.gamma(PURCHASE_RATE_R, PURCHASE_RATE_ALPHA_DAYS);
        double dropout = random.beta(DROPOUT_A, DROPOUT_B);
        double spendScale = random.gamma(SPEND_Q, SPEND_GAMMA);
        int preferredChannel = random.pick(CHANNEL_CUMULATIVE);
        int firstName = random.index(NameBook.FIRST_NAMES.length);
        int lastName = random.index(NameBook.LAST_NAMES.length);
        int domain = random.index(NameBook.EMAIL_DOMAINS.length);
        boolean gaveEmail = preferredChannel != STORE || !random.chance(NO_EMAIL_SHARE_IN_STORE);
        Customer customer = new Customer(
                number,
                NameBook.fullName(firstName, lastName),
                gaveEmail ? NameBook.email(firstName, lastName, number + 1L, domain) : "");

        double dayStart = calendar.shoppingTimeAt(acquisitionDay);
        double time = dayStart + random.uniform() * (calendar.shoppingTimeAt(acquisitionDay + 1) - dayStart);
        double end = calendar.shoppingTimeAt(calendar.days());
        int day = acquisitionDay;
        while (true) {
            Order purchase = drawPurchase(random, day, spendScale, preferredChannel);
            customer.orders.add(purchase);
            drawRefund(random, purchase, customer.refunds);
            boolean repeat = customer.orders.size() > 1;
            if (repeat && random.chance(dropout)) {
                break;
            }
            time += random.exponential(purchaseRate);
            if (time >= end) {
                break;
            }
            day = calendar.dayAt(time);
        }
        return customer;
    }

    private Order drawPurchase(RandomVariates random, int day, double spendScale, int preferredChannel) {
        double value = random.gamma(SPEND_P, spendScale);
        int lines = 1;
        while (lines < MAX_LINES && random.chance(EXTRA_LINE_PROBABILITY)) {
            lines++;
        }
        double[] shares = new double[lines];
        double sum = 0.0;
        for (int line = 0; line < lines; line++) {
            shares[line] = random.gamma(2.0, 1.0);
            sum += shares[line];
        }
        int channel = random.chance(CHANNEL_LOYALTY) ? preferredChannel : random.pick(CHANNEL_CUMULATIVE);
        Order order = new Order(day, channel, lines);
        for (int line = 0; line < lines; line++) {
            int quantity = 1 + random.pick(QUANTITY_CUMULATIVE);
            long unitCents = retailPriceCents(value * shares[line] / sum / quantity);
            order.cents[line] = unitCents * quantity;
            order.quantities[line] = quantity;
        }
        return order;
    }

    private void drawRefund(RandomVariates random, Order purchase, List<Order> refunds) {
        if (!random.chance(REFUND_PROBABILITY)) {
            return;
        }
        int day = purchase.day + 1 + (int) random.exponential(1.0 / REFUND_MEAN_DELAY_DAYS);
        boolean whole = random.chance(FULL_REFUND_SHARE);
        int line = random.index(purchase.lines());
        if (day >= calendar.days()) {
            return;
        }
        Order refund = new Order(day, purchase.channel, 1);
        if (whole || purchase.lines() == 1 && purchase.quantities[0] == 1) {
            for (int i = 0; i < purchase.lines(); i++) {
                refund.cents[0] -= purchase.cents[i];
                refund.quantities[0] -= purchase.quantities[i];
            }
        } else if (purchase.lines() > 1) {
            refund.cents[0] = -purchase.cents[line];
            refund.quantities[0] = -purchase.quantities[line];
        } else {
            refund.cents[0] = -purchase.cents[0] / purchase.quantities[0];
            refund.quantities[0] = -1;
        }
        refunds.add(refund);
    }

    /**
     * A shop price near {@code dollars}: whole dollars less a cent from 10 up (24.99), half dollars less a cent below
     * (4.49, 4.99), at least 0.49. Rounding to the nearest keeps the mean order value within a few cents of the model's.
     */
    static long retailPriceCents(double dollars) {
        long cents = dollars >= 10.0 ? Math.round(dollars) * 100 - 1 : Math.round(dollars * 2.0) * 50 - 1;
        return Math.max(cents, 49);
    }

    private static double[] cumulative(double[] shares) {
        double[] cumulative = new double[shares.length];
        double sum = 0.0;
        for (int i = 0; i < shares.length; i++) {
            sum += shares[i];
            cumulative[i] = sum;
        }
        cumulative[shares.length - 1] = 1.0;
        return cumulative;
    }

    /** One customer's draws: identity, purchases in date order, refunds in the order of their purchases. */
    private static final class Customer {
        final int number;
        final String name;
        final String email;
        final List<Order> orders = new ArrayList<>();
        final List<Order> refunds = new ArrayList<>(1);

        Customer(int number, String name, String email) {
            this.number = number;
            this.name = name;
            this.email = email;
        }
    }

    /** An order's day, channel and lines; a refund has one line with negative cents and quantity. */
    private static final class Order {
        final int day;
        final int channel;
        final long[] cents;
        final int[] quantities;

        Order(int day, int channel, int lines) {
            this.day = day;
            this.channel = channel;
            this.cents = new long[lines];
            this.quantities = new int[lines];
        }

        int lines() {
            return cents.length;
        }

        boolean isRefund() {
            return cents[0] < 0;
        }
    }

    /** Formats rows into a buffer that is handed to the writer in chunks; numbers the orders. */
    private final class CsvRows {
        private final Writer out;
        private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4_096);
        private long orderNumber;
        long purchases;
        long refunds;
        long rows;

        CsvRows(Writer out) {
            this.out = out;
        }

        void header() throws IOException {
            buffer.append(HEADER).append('\n');
        }

        void customer(Customer customer) throws IOException {
            List<Order> orders = customer.orders;
            if (!customer.refunds.isEmpty()) {
                orders.addAll(customer.refunds);
                orders.sort((left, right) -> Integer.compare(left.day, right.day));
            }
            for (Order order : orders) {
                orderNumber++;
                if (order.isRefund()) {
                    refunds++;
                } else {
                    purchases++;
                }
                for (int line = 0; line < order.lines(); line++) {
                    row(customer, order, line);
                }
                if (buffer.length() >= FLUSH_CHARS) {
                    flush();
                }
            }
        }

        private void row(Customer customer, Order order, int line) {
            rows++;
            appendId(buffer, 'C', customer.number + 1L, 6);
            buffer.append(',');
            appendId(buffer, 'O', orderNumber, 7);
            buffer.append(',').append(calendar.isoDate(order.day)).append(',');
            appendCents(buffer, order.cents[line]);
            buffer.append(',').append(order.quantities[line]);
            buffer.append(',').append(CHANNELS.get(order.channel));
            buffer.append(',').append(customer.name);
            buffer.append(',').append(customer.email);
            buffer.append('\n');
        }

        void flush() throws IOException {
            out.append(buffer);
            buffer.setLength(0);
        }
    }

    /** {@code prefix} and {@code number}, zero-padded to at least {@code width} digits: C000123. */
    static void appendId(StringBuilder buffer, char prefix, long number, int width) {
        buffer.append(prefix);
        for (long limit = 10; width > 1; width--, limit *= 10) {
            if (number < limit) {
                buffer.append('0');
            }
        }
        buffer.append(number);
    }

    /** Cents as a decimal with two places: -1205 as -12.05. */
    static void appendCents(StringBuilder buffer, long cents) {
        if (cents < 0) {
            buffer.append('-');
        }
        long absolute = Math.abs(cents);
        buffer.append(absolute / 100).append('.');
        long fraction = absolute % 100;
        if (fraction < 10) {
            buffer.append('0');
        }
        buffer.append(fraction);
    }
}
