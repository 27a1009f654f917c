package dev.rfm.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SegmentColoursTest {

    private static final List<String> STANDARD = List.of(
            "CHAMPIONS",
            "LOYAL",
            "POTENTIAL_LOYALIST",
            "NEW_CUSTOMERS",
            "PROMISING",
            "NEED_ATTENTION",
            "ABOUT_TO_SLEEP",
            "AT_RISK",
            "CANT_LOSE_THEM",
            "HIBERNATING",
            "LOST");

    @Test
    void everyStandardSegmentHasItsOwnColour() {
        assertThat(STANDARD.stream().map(c -> SegmentColours.of("standard", c)))
                .doesNotHaveDuplicates()
                .allMatch(c -> c.matches("#[0-9a-f]{6}"))
                .doesNotContain(SegmentColours.OTHER);
    }

    @Test
    void theSchemesGiveTheSameMeaningTheSameColour() {
        assertThat(SegmentColours.of("cn8", "IMPORTANT_VALUE")).isEqualTo(SegmentColours.of("standard", "CHAMPIONS"));
        assertThat(SegmentColours.of("lifecycle", "LOST")).isEqualTo(SegmentColours.of("standard", "LOST"));
        assertThat(SegmentColours.of("abc", "A")).isEqualTo(SegmentColours.of("standard", "CHAMPIONS"));
    }

    @Test
    void customSegmentsKeepTheirColourByCodeAndOtherIsGrey() {
        assertThat(SegmentColours.of("custom", "BIG_SPENDERS")).isEqualTo(SegmentColours.of("custom", "BIG_SPENDERS"));
        assertThat(Stream.of("A1", "B2", "C3", "D4", "E5")
                        .map(c -> SegmentColours.of("custom", c))
                        .distinct()
                        .count())
                .isGreaterThan(1);
        assertThat(SegmentColours.of("custom", "OTHER")).isEqualTo(SegmentColours.OTHER);
        assertThat(SegmentColours.of("standard", null)).isEqualTo(SegmentColours.OTHER);
    }
}
