package dev.rfm.analytics.run;

import static dev.rfm.analytics.run.CustomerFilters.filter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.snapshot.CustomerFilter;
import dev.rfm.domain.snapshot.CustomerList;
import dev.rfm.domain.snapshot.CustomerResult;
import dev.rfm.domain.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Filtered, sorted pages of the Customers table on a run large enough that a page may be found by walking the first
 * stretch of the run in the sort's order (the filter's rows come early) or must be found by sorting the filter's rows
 * (they come late, or the page is deep): both ways give exactly the pages a plain sort of the matching customers
 * gives, nulls last, in both directions, on both databases.
 *
 * <p>Customer i (1..5,000): monetary i; Champions when i > 4,950 (the 50 highest monetary values); active when i is
 * even; predicted CLV i × 10, none when i is a multiple of 7.
 */
class CustomerListWalkTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();
    private static final int CUSTOMERS = 5_000;

    private static boolean champion(int i) {
        return i > 4_950;
    }

    private static BigDecimal clv(int i) {
        return i % 7 == 0 ? null : BigDecimal.valueOf(i * 10L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyWayToAPageGivesThePlainSortsPage(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long run = run(ds);
        CustomerList list = new CustomerList(ds);
        CustomerFilter champions = filter(null, "standard", "CHAMPIONS", null, null);
        CustomerFilter active = filter(null, null, null, "ACTIVE", null);

        // Champions come last by ascending monetary value: found by sorting the 50, not by walking 5,000
        for (long offset : new long[] {0, 25, 40, 50}) {
            assertPage(list, run, champions, CustomerListWalkTest::champion, "monetary", true, offset, 25);
        }
        // ... and first by descending value: found in the walk
        assertPage(list, run, champions, CustomerListWalkTest::champion, "monetary", false, 0, 25);
        // a column with gaps: the values in order, then the customers without one, both directions
        for (boolean ascending : new boolean[] {true, false}) {
            for (long offset : new long[] {0, 25, 40}) {
                assertPage(list, run, champions, CustomerListWalkTest::champion, "predictedClv", ascending, offset, 25);
            }
        }
        // a filter that keeps half: shallow pages in the walk, deep ones by sorting, in customer order and by value
        for (long offset : new long[] {0, 100, 225, 226, 2_450, 2_600}) {
            assertPage(list, run, active, i -> i % 2 == 0, null, true, offset, 25);
            assertPage(list, run, active, i -> i % 2 == 0, "monetary", false, offset, 25);
            assertPage(list, run, active, i -> i % 2 == 0, "predictedClv", true, offset, 25);
        }
    }

    /**
     * The two other ways the pages reach a filtered page that no stretch holds: a top-N sort of the filter's
     * customers (the first reader) and a slice of all of them sorted once (everyone after): both give the plain sort's
     * page for every sortable value of the run, both directions, with ties (every customer has the same scores,
     * recency, frequency and P(alive)) and gaps (predicted CLV).
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theSortedPageAndTheSortedIdsAgreeWithThePlainSort(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long run = run(ds);
        CustomerList list = new CustomerList(ds);
        java.util.Map<CustomerFilter, IntPredicate> filters = java.util.Map.of(
                filter(null, "standard", "CHAMPIONS", null, null),
                CustomerListWalkTest::champion,
                filter(null, null, null, "ACTIVE", null),
                i -> i % 2 == 0);
        for (var f : filters.entrySet()) {
            for (String sort : java.util.Arrays.asList(
                    null, "recencyDays", "frequency", "monetary", "r", "f", "m", "pAlive", "predictedClv")) {
                for (boolean ascending : new boolean[] {true, false}) {
                    if (sort == null && !ascending) continue; // customer order is ascending only
                    long[] ids = list.orderedIds(run, f.getKey(), sort, ascending);
                    assertThat(ids).hasSize((int) list.count(run, f.getKey()));
                    for (long offset : new long[] {0, 30, ids.length - 10}) {
                        List<String> sorted = list.sortedPage(run, f.getKey(), sort, ascending, offset, 25).stream()
                                .map(CustomerResult::customerId)
                                .toList();
                        List<String> sliced =
                                list.rows(run, ids, (int) offset, (int) Math.min(offset + 25, ids.length)).stream()
                                        .map(CustomerResult::customerId)
                                        .toList();
                        assertThat(sliced)
                                .as("%s by %s %s from %d", f.getKey(), sort, ascending, offset)
                                .isEqualTo(sorted);
                    }
                }
            }
        }
        // and where the expected order is worked out here: values, then the customers without one
        long[] championsByClvDesc =
                list.orderedIds(run, filter(null, "standard", "CHAMPIONS", null, null), "predictedClv", false);
        assertThat(java.util.Arrays.stream(championsByClvDesc)
                        .mapToObj(id -> (int) (id - 10_000))
                        .toList())
                .isEqualTo(expected(CustomerListWalkTest::champion, "predictedClv", false));
    }

    private static void assertPage(
            CustomerList list,
            long run,
            CustomerFilter filter,
            IntPredicate matches,
            String sort,
            boolean ascending,
            long offset,
            int size)
            throws SQLException {
        List<String> expected = expected(matches, sort, ascending).stream()
                .skip(offset)
                .limit(size)
                .map(i -> "C" + i)
                .toList();
        List<String> actual = list.page(run, filter, sort, ascending, offset, size).stream()
                .map(CustomerResult::customerId)
                .toList();
        assertThat(actual)
                .as("%s by %s %s from %d", filter, sort, ascending ? "asc" : "desc", offset)
                .isEqualTo(expected);
    }

    /** The matching customers in the page's order: by the value (nulls last), then by customer id, one direction. */
    private static List<Integer> expected(IntPredicate matches, String sort, boolean ascending) {
        Comparator<Integer> byId = Comparator.naturalOrder();
        Comparator<Integer> order;
        if (sort == null) {
            order = byId;
        } else if (sort.equals("monetary")) {
            order = ascending ? byId : byId.reversed();
        } else { // predictedClv: nulls last whatever the direction
            Comparator<Integer> byValue = Comparator.comparing(CustomerListWalkTest::clv);
            Comparator<Integer> withValue =
                    (ascending ? byValue : byValue.reversed()).thenComparing(ascending ? byId : byId.reversed());
            order = (a, b) -> {
                boolean na = clv(a) == null;
                boolean nb = clv(b) == null;
                if (na != nb) return na ? 1 : -1;
                return na ? (ascending ? byId : byId.reversed()).compare(a, b) : withValue.compare(a, b);
            };
        }
        return IntStream.rangeClosed(1, CUSTOMERS)
                .filter(matches)
                .boxed()
                .sorted(order)
                .toList();
    }

    private static long run(DataSource ds) throws SQLException {
        return HandMadeRun.write(
                ds,
                CUSTOMERS,
                10_000,
                i -> new HandMadeRun.Customer(
                        "Person " + i,
                        "p" + i + "@example.com",
                        10,
                        1,
                        BigDecimal.valueOf(i),
                        3,
                        3,
                        3,
                        champion(i) ? "CHAMPIONS" : "HIBERNATING",
                        i % 2 == 0 ? "ACTIVE" : "DORMANT",
                        "C",
                        0.5,
                        clv(i),
                        BigDecimal.valueOf(i)));
    }
}
