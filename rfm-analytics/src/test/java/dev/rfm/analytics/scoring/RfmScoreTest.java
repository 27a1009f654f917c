package dev.rfm.analytics.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RfmScoreTest {

    @Test
    void compositeCodeReadsRfm() {
        assertThat(RfmScore.of(5, 4, 5).code()).isEqualTo(545);
        assertThat(RfmScore.of(1, 1, 2)).hasToString("112");
    }

    @Test
    void threeAndFourBinScoresMapOntoTheFivePointTable() {
        // 3 bins: 1, 3, 5; 4 bins: 1 + (s-1)*4/3 = 1, 2.33, 3.67, 5 -> 1, 2, 4, 5
        assertThat(new RfmScore(1, 2, 3, 3).onFivePointScale()).isEqualTo(RfmScore.of(1, 3, 5));
        assertThat(new RfmScore(1, 2, 3, 4).onFivePointScale()).isEqualTo(RfmScore.of(1, 2, 4));
        assertThat(new RfmScore(4, 4, 4, 4).onFivePointScale()).isEqualTo(RfmScore.of(5, 5, 5));
        assertThat(RfmScore.of(2, 3, 4).onFivePointScale()).isEqualTo(RfmScore.of(2, 3, 4));
    }

    @Test
    void rejectsScoresOutsideTheBins() {
        assertThatThrownBy(() -> new RfmScore(4, 1, 1, 3)).hasMessage("r must be between 1 and 3, was 4");
        assertThatThrownBy(() -> RfmScore.of(1, 0, 1)).hasMessage("f must be between 1 and 5, was 0");
    }
}
