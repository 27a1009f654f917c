package dev.rfm.web.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.snapshot.CustomerList;
import dev.rfm.domain.snapshot.CustomerResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The Excel export's cells: the CSV's columns, numbers as numbers, formula-looking texts as plain text. */
class CustomerWorkbookTest {

    @Test
    void writesTheColumnsOfTheCsvWithTypedCells() throws Exception {
        CustomerResult customer = new CustomerResult(
                7,
                "C-1",
                "=SUM(A1)",
                "a@b.test",
                12,
                3,
                new BigDecimal("1234.5600"),
                5,
                4,
                3,
                "543",
                "CHAMPIONS",
                "IMPORTANT_VALUE",
                null,
                "ACTIVE",
                "A",
                0.875,
                0.1,
                0.25,
                1.0,
                new BigDecimal("41.15"),
                new BigDecimal("1234.56"),
                null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CustomerWorkbook workbook = new CustomerWorkbook("run 7")) {
            workbook.add(customer);
            workbook.write(out);
        }
        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = read.getSheet("run 7");
            Row header = sheet.getRow(0);
            for (int i = 0; i < CustomerList.EXPORT_COLUMNS.size(); i++) {
                assertThat(header.getCell(i).getStringCellValue()).isEqualTo(CustomerList.EXPORT_COLUMNS.get(i));
            }
            Row row = sheet.getRow(1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("C-1");
            assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("=SUM(A1)");
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(1234.56);
            assertThat(row.getCell(15).getNumericCellValue()).isEqualTo(0.875);
            assertThat(row.getCell(12)).as("no custom segment: an empty cell").isNull();
            assertThat(row.getCell(18)).as("no predicted CLV").isNull();
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
        }
    }
}
