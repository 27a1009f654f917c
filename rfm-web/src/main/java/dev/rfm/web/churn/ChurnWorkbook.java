package dev.rfm.web.churn;

import dev.rfm.domain.snapshot.ChurnWatch;
import dev.rfm.domain.snapshot.ChurnWatch.Row;
import dev.rfm.web.export.ListWorkbook;
import java.io.IOException;
import java.io.OutputStream;

/** The churn watch list as an Excel workbook: the columns of its CSV export ({@link ChurnWatch#EXPORT_COLUMNS}). */
final class ChurnWorkbook implements AutoCloseable {

    /** The most customers one sheet holds. */
    static final long MAX_CUSTOMERS = ListWorkbook.MAX_ROWS;

    private final ListWorkbook workbook;

    ChurnWorkbook(String sheetName) {
        workbook = new ListWorkbook(sheetName, ChurnWatch.EXPORT_COLUMNS);
    }

    void add(Row r) {
        workbook.line()
                .text(r.customerId())
                .text(r.name())
                .text(r.email())
                .text(r.abcClass())
                .text(r.segment())
                .text(r.segmentBefore())
                .text(r.lifecycleStage())
                .text(r.lifecycleStageBefore())
                .probability(r.pAlive())
                .probability(r.pAliveBefore())
                .money(r.predictedClv())
                .money(r.historicalClv())
                .money(r.valueAtStake())
                .text(ChurnWatch.warnings(r.warnings()));
    }

    void write(OutputStream out) throws IOException {
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
