package dev.rfm.analytics.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationMatrixTest {

    @Test
    void rowsAndColumnsWithNoneAndPreviousOnlyCodes() {
        var tally =
                MigrationMatrix.tally(AssignmentKind.CUSTOM_SEGMENT, List.of("VIP", "OTHER"), List.of("OTHER", "OLD"));
        tally.add(tally.rowOf(null), 0); // new customer -> VIP
        tally.add(tally.rowOf("OTHER"), 0); // OTHER -> VIP
        tally.add(tally.rowOf("OTHER"), 0);
        tally.add(tally.rowOf("OLD"), 1); // a deleted rule's customers -> OTHER
        tally.add(tally.rowOf("VIP"), -1); // VIP -> no segment now
        MigrationMatrix m = tally.build();

        assertThat(m.from()).containsExactly("none", "VIP", "OTHER", "OLD");
        assertThat(m.to()).containsExactly("none", "VIP", "OTHER");
        assertThat(m.count("none", "VIP")).isEqualTo(1);
        assertThat(m.count("OTHER", "VIP")).isEqualTo(2);
        assertThat(m.count("OLD", "OTHER")).isEqualTo(1);
        assertThat(m.count("VIP", "none")).isEqualTo(1);
        assertThat(m.count("VIP", "VIP")).isZero();
        assertThat(m.total()).isEqualTo(5);
    }

    @Test
    void previousAssignmentsAreDictionaryEncoded() {
        PreviousAssignments p = PreviousAssignments.builder(LocalDate.of(2024, 1, 1))
                .add(3, "CHAMPIONS", "IMPORTANT_VALUE", null, "ACTIVE")
                .add(8, "LOST", "GENERAL_WINBACK", "OTHER", "LOST")
                .add(9, "CHAMPIONS", null, null, "PROSPECT")
                .build();

        assertThat(p.size()).isEqualTo(3);
        assertThat(p.indexOf(8)).isEqualTo(1);
        assertThat(p.indexOf(4)).isNegative();
        assertThat(p.code(AssignmentKind.STANDARD_SEGMENT, 2)).isEqualTo("CHAMPIONS");
        assertThat(p.code(AssignmentKind.CUSTOM_SEGMENT, 0)).isNull();
        assertThat(p.codes(AssignmentKind.STANDARD_SEGMENT)).containsExactly("CHAMPIONS", "LOST");
        assertThat(p.codeIndex(AssignmentKind.LIFECYCLE_STAGE, 2)).isEqualTo(2);
        assertThat(PreviousAssignments.none().size()).isZero();
        assertThat(PreviousAssignments.none().referenceDate()).isNull();
        assertThatThrownBy(() -> PreviousAssignments.builder(LocalDate.of(2024, 1, 1))
                        .add(5, null, null, null, null)
                        .add(5, null, null, null, null))
                .hasMessage("customerId must ascend strictly: 5 after 5");
    }
}
