package dev.rfm.analytics.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers in rule conditions are plain decimals of bounded size, checked on the text before a BigDecimal exists. */
class ConditionNumberTest {

    /** Far more than the check needs (microseconds); far less than building the number would (seconds to minutes). */
    @ParameterizedTest
    @ValueSource(strings = {"12", "12.5", "0.25", "0", "999999999999999.9999", "-12.5", "007"})
    void plainDecimalsAreAccepted(String text) {
        assertThat(ConditionNumber.MONEY.parse(text)).isEqualByComparingTo(new BigDecimal(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e5",
                "1E-3",
                "1e500000000",
                "0x10",
                "+5",
                "NaN",
                "Infinity",
                "-Infinity",
                ".5",
                "5.",
                "1..2",
                "1,5",
                "1 000",
                " 5",
                "5 ",
                "--5",
                "-",
                "",
                "١٢",
                "1_000",
                "12.5.1",
                "1d",
                "5L"
            })
    void anythingElseIsRefused(String text) {
        assertThatThrownBy(() -> ConditionNumber.MONEY.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReasonIsNamed() {
        assertThatThrownBy(() -> ConditionNumber.COUNT.parse("1e500000000"))
                .hasMessage("'1e500000000' is not a plain decimal number such as 12 or 12.5"
                        + " (exponents are not accepted: write the number out)");
        assertThatThrownBy(() -> ConditionNumber.MONEY.parse("+5")).hasMessageContaining("without a leading +");
        assertThatThrownBy(() -> ConditionNumber.MONEY.parse("1234567890123456"))
                .hasMessageContaining("more than 15 digits before the decimal point");
        assertThatThrownBy(() -> ConditionNumber.MONEY.parse("1.23456")).hasMessageContaining("more than 4 decimals");
        assertThatThrownBy(() -> ConditionNumber.COUNT.parse("12.5")).hasMessageContaining("must be a whole number");
        assertThatThrownBy(() -> ConditionNumber.COUNT.parse("-1")).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> ConditionNumber.SCORE.parse("12")).hasMessageContaining("more than 1 digit ");
        assertThatThrownBy(() -> ConditionNumber.PROBABILITY.parse("0.1234567890123456"))
                .hasMessageContaining("more than 15 decimals");
        assertThat(ConditionNumber.PROBABILITY.parse("0.123456789012345"))
                .isEqualTo(new BigDecimal("0.123456789012345"));
    }

    @Test
    void sixteenIntegerDigitsOrFiveDecimalsAreTooManyForMoney() {
        assertThatThrownBy(() -> ConditionNumber.MONEY.parse("1".repeat(16)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConditionNumber.MONEY.parse("1.12345")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ConditionNumber.MONEY.parse("1".repeat(15) + ".1234")).isNotNull();
    }

    @Test
    void aMegabyteOfDigitsIsRefusedAndNotRepeated() {
        String megabyte = "9".repeat(1 << 20);
        for (String text : new String[] {megabyte, "0." + megabyte, megabyte + "e5", "-" + megabyte}) {
            assertThatThrownBy(() -> ConditionNumber.MONEY.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
        }
    }
}
