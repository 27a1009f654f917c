package dev.rfm.domain.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Exported text cells: quoted where CSV needs it, and never a formula when a spreadsheet opens the file. */
class CsvCellTest {

    @Test
    void cellsThatASpreadsheetWouldRunAsAFormulaAreText() {
        assertThat(Snapshots.csv("=HYPERLINK(\"http://evil\",\"x\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
        assertThat(Snapshots.csv("+1 555")).isEqualTo("'+1 555");
        assertThat(Snapshots.csv("-2+3")).isEqualTo("'-2+3");
        assertThat(Snapshots.csv("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Snapshots.csv("\tcmd")).isEqualTo("'\tcmd");
        assertThat(Snapshots.csv("\rcmd")).isEqualTo("\"'\rcmd\"");
    }

    @Test
    void ordinaryCellsAreUnchangedOrQuotedAsCsvWants() {
        assertThat(Snapshots.csv("Ana Lima")).isEqualTo("Ana Lima");
        assertThat(Snapshots.csv("a=b")).isEqualTo("a=b");
        assertThat(Snapshots.csv("Lima, Ana")).isEqualTo("\"Lima, Ana\"");
        assertThat(Snapshots.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Snapshots.csv("")).isEmpty();
        assertThat(Snapshots.csv(null)).isEmpty();
        assertThat(Snapshots.csv("张伟")).isEqualTo("张伟");
    }
}
