/**
 * Data sources: the shop, CRM, ERP or POS databases whose orders the product pulls over JDBC (decision 0016).
 *
 * <p>A {@link dev.rfm.domain.source.SourceDefinition} says where and what to read; {@link
 * dev.rfm.domain.source.DataSources} stores it (the password encrypted by a {@link dev.rfm.domain.source.SecretBox});
 * {@link dev.rfm.domain.source.SourcePull} reads the rows past the last committed {@link
 * dev.rfm.domain.source.Watermark} and feeds them through the CSV import pipeline ({@code domain.ingest}), committing
 * the new watermark with the orders; {@link dev.rfm.domain.source.SourcePreview} shows the first rows before a pull.
 */
package dev.rfm.domain.source;
