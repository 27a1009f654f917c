package dev.rfm.domain.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;

/**
 * The demo retailer's calendar: how busy each day of the period is, and how many customers it acquires on each day.
 *
 * <p>Purchases run on <em>shopping time</em>: a day's length in shopping time is its order weight (month factor times
 * weekday factor times a few special days), so an average day lasts 1. A customer's Poisson purchase process with rate λ
 * per shopping day is thereby stretched in November and December and squeezed in summer, without changing how many
 * purchases a customer makes in a year.
 */
final class DemoCalendar {

    /** Order weight per month, January first: a summer dip, the November–December peak; the twelve average 1. */
    static final double[] ORDER_MONTH = {0.90, 0.85, 0.95, 0.95, 0.97, 0.85, 0.80, 0.83, 0.95, 1.00, 1.35, 1.60};

    /** Order weight per weekday, Monday first: busy Friday and Saturday, quiet early week; the seven average 1. */
    static final double[] ORDER_WEEKDAY = {0.95, 0.90, 0.92, 0.98, 1.05, 1.20, 1.00};

    /**
     * Acquisition weight per month, January first: gift-driven first orders in November, December and January, a
     * spring campaign in March, few new customers in summer.
     */
    static final double[] ACQUISITION_MONTH = {1.10, 0.85, 1.15, 0.95, 0.95, 0.85, 0.80, 0.85, 0.95, 1.00, 1.45, 1.40};

    /** Yearly growth of the acquisition rate: a young shop that wins 30 % more new customers a year later. */
    static final double ACQUISITION_GROWTH_PER_YEAR = 0.30;

    private final LocalDate firstDay;
    private final String[] isoDates;
    private final double[] shoppingTimeAtStart;
    private final int[] firstCustomerOfDay;

    DemoCalendar(LocalDate firstDay, LocalDate lastDay, int customers) {
        this.firstDay = firstDay;
        int days = (int) ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
        isoDates = new String[days];
        shoppingTimeAtStart = new double[days + 1];
        double[] acquisitionWeight = new double[days];
        double totalAcquisitionWeight = 0.0;
        for (int day = 0; day < days; day++) {
            LocalDate date = firstDay.plusDays(day);
            isoDates[day] = date.toString();
            double calendarFactor = ORDER_WEEKDAY[date.getDayOfWeek().ordinal()] * specialDayFactor(date);
            shoppingTimeAtStart[day + 1] =
                    shoppingTimeAtStart[day] + ORDER_MONTH[date.getMonthValue() - 1] * calendarFactor;
            double growth = 1.0 + ACQUISITION_GROWTH_PER_YEAR * day / 365.25;
            acquisitionWeight[day] = ACQUISITION_MONTH[date.getMonthValue() - 1] * calendarFactor * growth;
            totalAcquisitionWeight += acquisitionWeight[day];
        }
        firstCustomerOfDay = allocate(customers, acquisitionWeight, totalAcquisitionWeight);
    }

    /**
     * Splits the customers over the days in proportion to their weights by rounding the cumulative share, so the total
     * is exact, and customer numbers rise with the acquisition date.
     */
    private static int[] allocate(int customers, double[] weight, double totalWeight) {
        int[] first = new int[weight.length + 1];
        double cumulative = 0.0;
        for (int day = 0; day < weight.length; day++) {
            cumulative += weight[day];
            first[day + 1] = (int) Math.round(customers * Math.min(1.0, cumulative / totalWeight));
        }
        first[weight.length] = customers;
        return first;
    }

    /**
     * Black Friday and Cyber Monday sales, a quiet Christmas Eve, closed shops on Christmas Day and New Year's Day,
     * Boxing Day sales.
     */
    static double specialDayFactor(LocalDate date) {
        LocalDate thanksgiving = LocalDate.of(date.getYear(), Month.NOVEMBER, 1)
                .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY));
        if (date.equals(thanksgiving.plusDays(1))) {
            return 2.5;
        }
        if (date.equals(thanksgiving.plusDays(4))) {
            return 1.8;
        }
        if (date.getMonth() == Month.DECEMBER) {
            return switch (date.getDayOfMonth()) {
                case 24 -> 0.6;
                case 25 -> 0.3;
                case 26 -> 1.4;
                default -> 1.0;
            };
        }
        if (date.getMonth() == Month.JANUARY && date.getDayOfMonth() == 1) {
            return 0.4;
        }
        return 1.0;
    }

    int days() {
        return isoDates.length;
    }

    LocalDate firstDay() {
        return firstDay;
    }

    /** The day as {@code yyyy-MM-dd}. */
    String isoDate(int day) {
        return isoDates[day];
    }

    /** Shopping time at the start of a day (0 for the first day); {@code shoppingTimeAt(days())} is the period's end. */
    double shoppingTimeAt(int day) {
        return shoppingTimeAtStart[day];
    }

    /** The day a point in shopping time falls on; the point must lie inside the period. */
    int dayAt(double shoppingTime) {
        int found = Arrays.binarySearch(shoppingTimeAtStart, shoppingTime);
        int day = found >= 0 ? found : -found - 2;
        return Math.min(Math.max(day, 0), isoDates.length - 1);
    }

    /** The first customer number (0-based) acquired on a day; customers of a day are this up to the next day's. */
    int firstCustomerOf(int day) {
        return firstCustomerOfDay[day];
    }
}
