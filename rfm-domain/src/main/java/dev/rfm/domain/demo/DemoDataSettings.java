package dev.rfm.domain.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What demo data to generate: how many customers, over which days, from which seed.
 *
 * <p>Immutable and checked when built. The same settings always give the same file.
 *
 * <h2>Usage</h2>
 *
 * <pre>
 * DemoDataSettings demo = DemoDataSettings.endingOn(referenceDate.minusDays(1)); // 20,000 customers, two years
 * DemoDataSettings bench = DemoDataSettings.of(1_000_000, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 12, 31), 7);
 * </pre>
 *
 * @param customers how many customers make a first purchase in the period, at least 1
 * @param firstDay the day the shop opens: the first day any order is dated
 * @param lastDay the last day any order (or refund) is dated, inclusive
 * @param seed the random seed; every draw follows from it
 */
public record DemoDataSettings(int customers, LocalDate firstDay, LocalDate lastDay, long seed) {

    /** The demo's customer count: enough for stable quantiles and segments, small enough to import in seconds. */
    public static final int DEFAULT_CUSTOMERS = 20_000;

    /** The demo's period: two years show both a trend and the seasonal pattern twice. */
    public static final int DEFAULT_YEARS = 2;

    /** The demo's seed, fixed so that every new installation shows the same dashboard. */
    public static final long DEFAULT_SEED = 20_050_101L;

    /** The longest period, which keeps the per-day tables small (a few megabytes at most). */
    public static final int MAX_DAYS = 36_600;

    static final String CUSTOMERS_TOO_FEW = "customers must be at least 1, was %d";
    static final String FIRST_DAY_MISSING = "firstDay must be given";
    static final String LAST_DAY_MISSING = "lastDay must be given";
    static final String LAST_DAY_BEFORE_FIRST_DAY = "lastDay %s must not be before firstDay %s";
    static final String PERIOD_TOO_LONG = "firstDay %s to lastDay %s spans %d days, more than the %d allowed";

    /** Checks every field; the message names the field at fault. */
    public DemoDataSettings {
        if (customers < 1) {
            throw new IllegalArgumentException(String.format(CUSTOMERS_TOO_FEW, customers));
        }
        Objects.requireNonNull(firstDay, FIRST_DAY_MISSING);
        Objects.requireNonNull(lastDay, LAST_DAY_MISSING);
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException(String.format(LAST_DAY_BEFORE_FIRST_DAY, lastDay, firstDay));
        }
        long days = ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
        if (days > MAX_DAYS) {
            throw new IllegalArgumentException(String.format(PERIOD_TOO_LONG, firstDay, lastDay, days, MAX_DAYS));
        }
    }

    /** Settings for {@code customers} customers whose orders fall on {@code firstDay} to {@code lastDay} inclusive. */
    public static DemoDataSettings of(int customers, LocalDate firstDay, LocalDate lastDay, long seed) {
        return new DemoDataSettings(customers, firstDay, lastDay, seed);
    }

    /**
     * The demo data set: {@value #DEFAULT_CUSTOMERS} customers over the {@value #DEFAULT_YEARS} years ending on
     * {@code lastDay}, with the {@linkplain #DEFAULT_SEED default seed}. Pass the day before the reference date of the
     * first scoring run, so that every row counts in it.
     */
    public static DemoDataSettings endingOn(LocalDate lastDay) {
        Objects.requireNonNull(lastDay, LAST_DAY_MISSING);
        return of(DEFAULT_CUSTOMERS, lastDay.minusYears(DEFAULT_YEARS).plusDays(1), lastDay, DEFAULT_SEED);
    }

    /** The same settings with another customer count. */
    public DemoDataSettings withCustomers(int newCustomers) {
        return of(newCustomers, firstDay, lastDay, seed);
    }

    /** The same settings with another seed. */
    public DemoDataSettings withSeed(long newSeed) {
        return of(customers, firstDay, lastDay, newSeed);
    }

    /** Number of days in the period, both ends included. */
    public int days() {
        return (int) ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
    }

    /** The earliest reference date for a scoring run that counts every generated row: the day after {@link #lastDay}. */
    public LocalDate referenceDate() {
        return lastDay.plusDays(1);
    }
}
