package dev.rfm.web.churn;

import dev.rfm.domain.snapshot.ChurnWatch;
import dev.rfm.domain.snapshot.ChurnWatch.Row;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The churn watch list as an Excel workbook (.xlsx): the columns of its CSV export, numbers as numbers, texts as
 * typed text cells (never run as formulas). Streamed like {@code CustomerWorkbook}: POI keeps {@value #ROWS_IN_MEMORY}
 * rows in memory and the rest in a temporary file, deleted on close.
 */
final class ChurnWorkbook implements AutoCloseable {

    /** The most customers one sheet holds (Excel's row limit less the header row). */
    static final long MAX_CUSTOMERS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1L;

    private static final int ROWS_IN_MEMORY = 200;

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
    private final SXSSFSheet sheet;
    private final CellStyle probability;
    private final CellStyle money;
    private int next = 1;

    ChurnWorkbook(String sheetName) {
        workbook.setCompressTempFiles(true);
        sheet = workbook.createSheet(sheetName);
        CellStyle header = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        header.setFont(bold);
        var row = sheet.createRow(0);
        for (int i = 0; i < ChurnWatch.EXPORT_COLUMNS.size(); i++) {
            row.createCell(i).setCellValue(ChurnWatch.EXPORT_COLUMNS.get(i));
            row.getCell(i).setCellStyle(header);
        }
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, 0, 0, ChurnWatch.EXPORT_COLUMNS.size() - 1));
        probability = workbook.createCellStyle();
        probability.setDataFormat(workbook.createDataFormat().getFormat("0.0000"));
        money = workbook.createCellStyle();
        money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
    }

    void add(Row r) {
        if (next > MAX_CUSTOMERS) throw new IllegalStateException("More customers than one Excel sheet holds");
        var row = sheet.createRow(next++);
        int i = 0;
        text(row, i++, r.customerId());
        text(row, i++, r.name());
        text(row, i++, r.email());
        text(row, i++, r.abcClass());
        text(row, i++, r.segment());
        text(row, i++, r.segmentBefore());
        text(row, i++, r.lifecycleStage());
        text(row, i++, r.lifecycleStageBefore());
        number(row, i++, r.pAlive(), probability);
        number(row, i++, r.pAliveBefore(), probability);
        number(row, i++, r.predictedClv(), money);
        number(row, i++, r.historicalClv(), money);
        number(row, i++, r.valueAtStake(), money);
        text(row, i, ChurnWatch.warnings(r.warnings()));
    }

    void write(OutputStream out) throws IOException {
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.close(); // also deletes the temporary file
    }

    private static void text(org.apache.poi.ss.usermodel.Row row, int column, String value) {
        if (value != null) row.createCell(column).setCellValue(value);
    }

    private static void number(org.apache.poi.ss.usermodel.Row row, int column, Number value, CellStyle style) {
        if (value == null) return;
        var cell = row.createCell(column);
        // BigDecimal to double: amounts are bounded (issue 8) far below where a double loses a cent
        cell.setCellValue(value instanceof BigDecimal d ? d.doubleValue() : value.doubleValue());
        cell.setCellStyle(style);
    }
}
