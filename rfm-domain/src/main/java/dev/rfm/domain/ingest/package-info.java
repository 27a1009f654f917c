/**
 * Transaction import: turns an uploaded CSV file of order lines into customers and orders.
 *
 * <p>{@link dev.rfm.domain.ingest.OrderImporter} is the entry point. It reads the file once, streaming,
 * checks every line, stages the good lines in the database in bulk (PostgreSQL {@code COPY}, elsewhere
 * JDBC batches) and lets set-based SQL add up item lines, find duplicates and order-id clashes, and create
 * the new customers and orders, all in one database transaction. A file that cannot be read as CSV at
 * all fails with {@link dev.rfm.domain.ingest.ImportFailedException} and leaves nothing behind but a
 * {@code FAILED} entry in the import history. {@link dev.rfm.domain.ingest.ImportRecords} reads that
 * history and the rejected lines back.
 *
 * <p>Plain Java over {@link javax.sql.DataSource}: the container wiring (REST resource, page, EJB) lives
 * in the web module.
 */
package dev.rfm.domain.ingest;
