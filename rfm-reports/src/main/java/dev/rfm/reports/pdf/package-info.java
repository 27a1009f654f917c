/** The segment report as a PDF: {@link dev.rfm.reports.pdf.SegmentReports}. */
package dev.rfm.reports.pdf;
