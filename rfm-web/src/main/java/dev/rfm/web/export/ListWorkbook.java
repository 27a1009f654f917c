package dev.rfm.web.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A list of customers as an Excel workbook (.xlsx) for campaign tools: one sheet, a bold header row that stays in view
 * with a filter, numbers as numbers, texts as typed text cells (a text cell is never run as a formula, so no
 * apostrophe is needed). Streamed: POI keeps {@value #ROWS_IN_MEMORY} rows in memory and the rest in a temporary
 * file, deleted on {@link #close()}.
 *
 * <p>Usage: {@code workbook.line().text(id).number(frequency).money(clv).probability(pAlive)}, columns left to right.
 */
public final class ListWorkbook implements AutoCloseable {

    /** The most rows one sheet holds below its header (Excel's row limit less one). */
    public static final long MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1L;

    private static final int ROWS_IN_MEMORY = 200;

    private final SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
    private final SXSSFSheet sheet;
    private final CellStyle probability;
    private final CellStyle money;
    private int next = 1;

    public ListWorkbook(String sheetName, List<String> columns) {
        workbook.setCompressTempFiles(true);
        sheet = workbook.createSheet(sheetName);
        CellStyle header = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        header.setFont(bold);
        Row row = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            row.createCell(i).setCellValue(columns.get(i));
            row.getCell(i).setCellStyle(header);
        }
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, 0, 0, columns.size() - 1));
        probability = workbook.createCellStyle();
        probability.setDataFormat(workbook.createDataFormat().getFormat("0.0000"));
        money = workbook.createCellStyle();
        money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
    }

    /** The next row; its cells are filled left to right. */
    public Line line() {
        if (next > MAX_ROWS) throw new IllegalStateException("More rows than one Excel sheet holds");
        return new Line(sheet.createRow(next++));
    }

    public void write(OutputStream out) throws IOException {
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.close(); // also deletes the temporary file
    }

    /** One row, filled left to right; an empty value leaves its cell empty. */
    public final class Line {
        private final Row row;
        private int column;

        private Line(Row row) {
            this.row = row;
        }

        public Line text(String value) {
            if (value != null) row.createCell(column).setCellValue(value);
            column++;
            return this;
        }

        public Line number(Number value) {
            return number(value, null);
        }

        public Line money(Number value) {
            return number(value, money);
        }

        public Line probability(Number value) {
            return number(value, probability);
        }

        private Line number(Number value, CellStyle style) {
            if (value != null) {
                var cell = row.createCell(column);
                // BigDecimal to double: amounts are bounded (issue 8) far below where a double loses a cent
                cell.setCellValue(value instanceof BigDecimal d ? d.doubleValue() : value.doubleValue());
                if (style != null) cell.setCellStyle(style);
            }
            column++;
            return this;
        }
    }
}
