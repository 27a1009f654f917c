package dev.rfm.analytics.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.analytics.scoring.RfmScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class StandardSegmentTest {

    @Test
    void everyOneOfTheHundredTwentyFiveCodesIsInExactlyOneSegment() {
        Map<Integer, StandardSegment> seen = new HashMap<>();
        for (StandardSegment segment : StandardSegment.values()) {
            for (int code : segment.codes()) {
                assertThat(seen.put(code, segment))
                        .as("code %d listed twice", code)
                        .isNull();
            }
        }
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    int code = 100 * r + 10 * f + m;
                    assertThat(StandardSegment.of(RfmScore.of(r, f, m)))
                            .as("code %d", code)
                            .isEqualTo(seen.get(code))
                            .isNotNull();
                }
            }
        }
        assertThat(seen).hasSize(125);
    }

    @Test
    void segmentSizesAsInTheDomainTable() {
        // counted by hand from DOMAIN.md's table
        int[] expected = {7, 8, 24, 7, 16, 8, 8, 22, 8, 11, 6};
        for (StandardSegment segment : StandardSegment.values()) {
            assertThat(segment.codes()).as(segment.name()).hasSize(expected[segment.ordinal()]);
        }
    }

    @Test
    void handPickedCodes() {
        assertThat(StandardSegment.ofFivePointCode(545)).isEqualTo(StandardSegment.CHAMPIONS);
        assertThat(StandardSegment.ofFivePointCode(111)).isEqualTo(StandardSegment.LOST);
        assertThat(StandardSegment.ofFivePointCode(155)).isEqualTo(StandardSegment.CANT_LOSE_THEM);
        assertThat(StandardSegment.ofFivePointCode(333)).isEqualTo(StandardSegment.POTENTIAL_LOYALIST);
        assertThat(StandardSegment.ofFivePointCode(311)).isEqualTo(StandardSegment.NEW_CUSTOMERS);
        assertThat(StandardSegment.ofFivePointCode(255)).isEqualTo(StandardSegment.AT_RISK);
        assertThat(StandardSegment.ofFivePointCode(232)).isEqualTo(StandardSegment.HIBERNATING);
        assertThatThrownBy(() -> StandardSegment.ofFivePointCode(560))
                .hasMessage("code must be a five-point RFM code 111..555, was 560");
    }

    @Test
    void threeBinScoresUseTheFivePointTable() {
        assertThat(StandardSegment.of(new RfmScore(3, 3, 3, 3))).isEqualTo(StandardSegment.CHAMPIONS); // 555
        assertThat(StandardSegment.of(new RfmScore(2, 2, 2, 3))).isEqualTo(StandardSegment.POTENTIAL_LOYALIST); // 333
        assertThat(StandardSegment.of(new RfmScore(1, 3, 3, 3))).isEqualTo(StandardSegment.CANT_LOSE_THEM); // 155
    }

    /** The table is read from DOMAIN.md itself when the shared directory is available. */
    @Test
    void matchesTheTableInDomainMd() throws IOException {
        String shared = System.getProperty("rfm.shared.dir");
        Assumptions.assumeTrue(shared != null && Files.isReadable(Path.of(shared, "DOMAIN.md")), "DOMAIN.md not found");
        String domain = Files.readString(Path.of(shared, "DOMAIN.md"));
        Matcher row = Pattern.compile("^\\| ([A-Za-z' ]+) \\| ([0-9 ]+) \\|$", Pattern.MULTILINE)
                .matcher(domain);
        int rows = 0;
        while (row.find()) {
            String name = row.group(1).trim();
            StandardSegment segment = java.util.Arrays.stream(StandardSegment.values())
                    .filter(s -> s.definition().nameEn().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no segment named " + name));
            assertThat(segment.codes())
                    .as(name)
                    .containsExactlyElementsOf(
                            java.util.Arrays.stream(row.group(2).trim().split(" "))
                                    .map(Integer::valueOf)
                                    .toList());
            rows++;
        }
        assertThat(rows).isEqualTo(11);
    }

    @Test
    void everySegmentHasDescriptionAndActionInBothLanguages() {
        for (StandardSegment segment : StandardSegment.values()) {
            SegmentDefinition d = segment.definition();
            assertThat(d.code()).isEqualTo(segment.name());
            assertThat(new String[] {d.descriptionEn(), d.descriptionZh(), d.actionEn(), d.actionZh()})
                    .allSatisfy(text -> assertThat(text).isNotBlank());
        }
        assertThat(StandardSegment.CHAMPIONS.definition().descriptionEn())
                .isEqualToIgnoringCase("bought recently, buy often and spend the most");
    }
}
