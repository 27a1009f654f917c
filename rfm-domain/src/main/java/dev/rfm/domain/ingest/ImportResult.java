package dev.rfm.domain.ingest;

import java.util.List;

/**
 * The outcome of an import that ran to the end (an import that could not read its file throws {@link
 * ImportFailedException} instead).
 *
 * <p>Every data line of the file is counted exactly once: {@code rowsRead = rowsImported + rowsDuplicate +
 * rowsRejected}. Item lines of one order each count as a row; {@link #ordersCreated()} counts the orders they
 * made.
 *
 * @param importId the {@code data_import} id of this import
 * @param rowsRead data lines in the file (the header and empty lines not counted)
 * @param rowsImported lines that became (part of) a new order
 * @param rowsDuplicate lines whose {@code order_id} was already stored for the same customer: skipped
 * @param rowsRejected lines not imported because something is wrong with them, all of them
 * @param ordersCreated new rows in {@code customer_order}
 * @param customersCreated new rows in {@code customer}
 * @param errors the rejections with the lowest line numbers, at most {@value #MAX_ERRORS}; {@link
 *     ImportRecords#writeRejectionsCsv} gives all of them
 * @param warnings things the user should know that did not stop any line, e.g. ignored columns
 */
public record ImportResult(
        long importId,
        long rowsRead,
        long rowsImported,
        long rowsDuplicate,
        long rowsRejected,
        long ordersCreated,
        long customersCreated,
        List<RowRejection> errors,
        List<String> warnings) {

    /** How many rejections an import result lists at most. */
    public static final int MAX_ERRORS = 1_000;

    public ImportResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        if (rowsRead != rowsImported + rowsDuplicate + rowsRejected) {
            throw new IllegalArgumentException("rows do not add up: read " + rowsRead + " != imported " + rowsImported
                    + " + duplicate " + rowsDuplicate + " + rejected " + rowsRejected);
        }
    }
}
