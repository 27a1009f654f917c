package dev.rfm.domain.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value rules of single fields, without a database. */
class LineCheckerTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "12", "-3.5", "+0.25", ".99", "5.", "999999999999999.9999", "1.230000", "-0.0001"})
    void acceptsPlainDecimalsWithUpToFourDecimals(String amount) {
        assertThat(LineChecker.checkAmount(amount)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "1.23456|'1.23456' has 5 decimal places, at most 4 are allowed",
                "1000000000000000|'1000000000000000' is too large: at most 15 digits before the decimal point",
                "1e5|'1e5' is not a decimal number: use a point as decimal separator and no thousands separators",
                "12,50|'12,50' is not a decimal number: use a point as decimal separator and no thousands separators",
                "1 000|'1 000' is not a decimal number: use a point as decimal separator and no thousands separators",
                "-|'-' is not a decimal number: use a point as decimal separator and no thousands separators",
                ".|'.' is not a decimal number: use a point as decimal separator and no thousands separators",
                "$5|'$5' is not a decimal number: use a point as decimal separator and no thousands separators",
                "NaN|'NaN' is not a decimal number: use a point as decimal separator and no thousands separators"
            })
    void rejectsEverythingElseSayingWhy(String amount, String message) {
        assertThat(LineChecker.checkAmount(amount)).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource({
        "12,120000",
        "-3.5,35000",
        "+0.25,2500",
        ".99,9900",
        "5.,50000",
        "1.230000,12300",
        "-0.0001,1",
        "0000000000000000000000001,10000",
        "900000000000000,9000000000000000000",
        "999999999999999.9999,9223372036854775807"
    })
    void measuresAbsoluteAmountsInTenThousandthsForTheRunBound(String amount, long tenThousandths) {
        assertThat(OrderTotals.absTenThousandths(amount)).isEqualTo(tenThousandths);
    }

    @ParameterizedTest
    @CsvSource({"12,2", "-0012.5,2", "0.5,0", "+999999999999999,15", ".5,0"})
    void countsTheDigitsBeforeThePointForTheOverflowGuard(String amount, int digits) {
        assertThat(LineChecker.integerDigits(amount)).isEqualTo(digits);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "2024-02-29|2024-02-29T00:00|2024-02-29",
                "2024-03-01T14:30|2024-03-01T14:30|2024-03-01 14:30:00",
                "2024-03-01 14:30:05|2024-03-01T14:30:05|2024-03-01 14:30:05",
                "2024-03-01t14:30:05.5|2024-03-01T14:30:05.5|2024-03-01 14:30:05.500000",
                "2024-03-01T14:30:05.1234567+05:30|2024-03-01T14:30:05.123456|2024-03-01 14:30:05.123456",
                "2024-03-01T23:00:00Z|2024-03-01T23:00|2024-03-01 23:00:00",
                "2024-03-01T10:00:00+01:00[Europe/Paris]|2024-03-01T10:00|2024-03-01 10:00:00",
                "2024-03-01T10:00:00.000001|2024-03-01T10:00:00.000001|2024-03-01 10:00:00.000001",
                "2024-03-01 10:00:00.999999999Z|2024-03-01T10:00:00.999999|2024-03-01 10:00:00.999999"
            })
    void readsIsoDatesAndDateTimesAsTheLocalTimeWritten(String value, LocalDateTime expected, String copyText) {
        OrderLine line = new OrderLine();

        assertThat(LineChecker.parseOrderDate(value, line)).isNull();
        assertThat(line.orderedAt).isEqualTo(expected);
        assertThat(line.orderedAtText).isEqualTo(copyText);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "2023-02-29|'2023-02-29' is not a valid calendar date",
                "0000-01-01|'0000-01-01' is not a valid calendar date",
                "2024-3-1|'2024-3-1' is not a date: use yyyy-MM-dd or an ISO date-time such as 2024-03-01T14:30:00",
                "01.03.2024|'01.03.2024' is not a date: use yyyy-MM-dd or an ISO date-time such as 2024-03-01T14:30:00",
                "2024-03-01T25:00|'2024-03-01T25:00' is not a date: use yyyy-MM-dd or an ISO date-time such as"
                        + " 2024-03-01T14:30:00",
                "20240301|'20240301' is not a date: use yyyy-MM-dd or an ISO date-time such as 2024-03-01T14:30:00",
                "2024-03-01T14:30:|'2024-03-01T14:30:' is not a date: use yyyy-MM-dd or an ISO date-time such as"
                        + " 2024-03-01T14:30:00",
                "2024-02-30T14:30|'2024-02-30T14:30' is not a date: use yyyy-MM-dd or an ISO date-time such as"
                        + " 2024-03-01T14:30:00",
                "2024-03-01T14:30:00ZZ|'2024-03-01T14:30:00ZZ' is not a date: use yyyy-MM-dd or an ISO date-time"
                        + " such as 2024-03-01T14:30:00"
            })
    void rejectsOtherDateFormsSayingWhy(String value, String message) {
        assertThat(LineChecker.parseOrderDate(value, new OrderLine())).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {"short|'short'", "tab\there|'tab here'"})
    void quotesValuesInMessagesWithoutControlCharacters(String value, String quoted) {
        assertThat(LineChecker.quote(value)).isEqualTo(quoted);
    }

    @ParameterizedTest
    @ValueSource(ints = {41, 100})
    void shortensLongValuesInMessages(int length) {
        assertThat(LineChecker.quote("v".repeat(length))).isEqualTo("'" + "v".repeat(39) + "…'");
    }
}
