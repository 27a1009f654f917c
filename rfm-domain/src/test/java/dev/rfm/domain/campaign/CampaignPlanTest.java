package dev.rfm.domain.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A campaign plan names every invalid field at once. */
class CampaignPlanTest {

    private static final LocalDate START = LocalDate.of(2025, 3, 1);

    @Test
    void namesEveryInvalidField() {
        assertThatThrownBy(() -> new CampaignPlan(" ", new CampaignTarget.Segment("rfm", "", null), 1.0, 1, null, 0))
                .isInstanceOfSatisfying(InvalidCampaignException.class, e -> assertThat(e.problems())
                        .extracting(CampaignProblem::field)
                        .containsExactly("name", "scheme", "segment", "controlShare", "startDate", "windowDays"));
    }

    @Test
    void aTargetIsNeeded() {
        assertThatThrownBy(() -> new CampaignPlan("x", null, 0.1, 1, START, 30))
                .hasMessage("segment: give scheme and segment (a target segment), or customerIds");
        assertThatThrownBy(() -> new CampaignPlan("x", new CampaignTarget.CustomerList(List.of()), 0.1, 1, START, 30))
                .hasMessage("customerIds: the list has no customer ids");
    }

    @Test
    void theWindowEndsTheDayAfterItsLastDay() {
        CampaignPlan plan =
                new CampaignPlan("Spring", new CampaignTarget.Segment("lifecycle", "DORMANT", null), 0.1, 1, START, 30);
        assertThat(plan.endDate()).isEqualTo(LocalDate.of(2025, 3, 31));
    }
}
