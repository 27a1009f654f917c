package dev.rfm.analytics.lifecycle;

import static dev.rfm.analytics.lifecycle.LifecycleStage.ACTIVE;
import static dev.rfm.analytics.lifecycle.LifecycleStage.DORMANT;
import static dev.rfm.analytics.lifecycle.LifecycleStage.LOST;
import static dev.rfm.analytics.lifecycle.LifecycleStage.NEW;
import static dev.rfm.analytics.lifecycle.LifecycleStage.PROSPECT;
import static dev.rfm.analytics.lifecycle.LifecycleStage.REACTIVATED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One hand-made customer per stage and per precedence conflict; thresholds new 30, dormant 90, lost 180. */
class LifecycleClassifierTest {

    private final LifecycleClassifier classifier = LifecycleClassifier.of(LifecycleThresholds.fixed(30, 90, 180));

    @Test
    void eachStage() {
        assertThat(classifier.stage(false, 0, 0, null, false)).isEqualTo(PROSPECT);
        assertThat(classifier.stage(true, 30, 30, null, false))
                .as("first purchase 30 days ago")
                .isEqualTo(NEW);
        assertThat(classifier.stage(true, 31, 31, null, false))
                .as("31 days ago")
                .isEqualTo(ACTIVE);
        assertThat(classifier.stage(true, 400, 90, null, false))
                .as("recency 90 = threshold")
                .isEqualTo(ACTIVE);
        assertThat(classifier.stage(true, 400, 91, null, false)).isEqualTo(DORMANT);
        assertThat(classifier.stage(true, 400, 180, null, false)).isEqualTo(DORMANT);
        assertThat(classifier.stage(true, 400, 181, null, false)).isEqualTo(LOST);
    }

    @Test
    void reactivatedNeedsAPreviousDormantOrLostStageAndAPurchaseSince() {
        assertThat(classifier.stage(true, 400, 5, DORMANT, true)).isEqualTo(REACTIVATED);
        assertThat(classifier.stage(true, 400, 5, LOST, true)).isEqualTo(REACTIVATED);
        assertThat(classifier.stage(true, 400, 5, ACTIVE, true)).isEqualTo(ACTIVE);
        assertThat(classifier.stage(true, 400, 5, REACTIVATED, true))
                .as("only once")
                .isEqualTo(ACTIVE);
        assertThat(classifier.stage(true, 400, 5, DORMANT, false)).isEqualTo(ACTIVE);
    }

    @Test
    void precedence() {
        // came back after the previous run but lapsed again: dormant beats reactivated
        assertThat(classifier.stage(true, 400, 100, DORMANT, true)).isEqualTo(DORMANT);
        // new beats dormant when a fixed dormant threshold is shorter than the new window
        LifecycleClassifier shortDormant = LifecycleClassifier.of(LifecycleThresholds.fixed(30, 14, 60));
        assertThat(shortDormant.stage(true, 20, 20, null, false)).isEqualTo(NEW);
        assertThat(shortDormant.stage(true, 31, 20, null, false)).isEqualTo(DORMANT);
    }
}
