package dev.rfm.web.customer;

import dev.rfm.domain.snapshot.CustomerList;
import dev.rfm.domain.snapshot.CustomerResult;
import dev.rfm.web.export.ListWorkbook;
import java.io.IOException;
import java.io.OutputStream;

/** A customer list as an Excel workbook: the columns of the CSV export ({@link CustomerList#EXPORT_COLUMNS}). */
final class CustomerWorkbook implements AutoCloseable {

    /** The most customers one sheet holds. */
    static final long MAX_CUSTOMERS = ListWorkbook.MAX_ROWS;

    private final ListWorkbook workbook;

    CustomerWorkbook(String sheetName) {
        workbook = new ListWorkbook(sheetName, CustomerList.EXPORT_COLUMNS);
    }

    void add(CustomerResult r) {
        workbook.line()
                .text(r.customerId())
                .text(r.name())
                .text(r.email())
                .number(r.recencyDays())
                .number(r.frequency())
                .money(r.monetary())
                .number(r.r())
                .number(r.f())
                .number(r.m())
                .text(r.rfmCode())
                .text(r.segment())
                .text(r.segmentCn8())
                .text(r.segmentCustom())
                .text(r.lifecycleStage())
                .text(r.abcClass())
                .probability(r.pAlive())
                .probability(r.expectedPurchases90d())
                .money(r.historicalClv())
                .money(r.predictedClv());
    }

    void write(OutputStream out) throws IOException {
        workbook.write(out);
    }

    @Override
    public void close() throws IOException {
        workbook.close();
    }
}
