/**
 * Delivering reports exactly once: every due report is archived with its PDF in {@code report_delivery} before it is
 * sent ({@link dev.rfm.reports.delivery.ReportArchive}), under a key unique per schedule and occurrence, then claimed,
 * mailed and marked by {@link dev.rfm.reports.delivery.DeliveryEngine}, with retries and back-off ({@link
 * dev.rfm.reports.delivery.RetryPolicy}). The boundaries: {@link dev.rfm.reports.delivery.ReportTimers} (EJB timers),
 * {@link dev.rfm.reports.delivery.AfterRunReports} (finished runs) and {@link dev.rfm.reports.delivery.ReportDesk}
 * (what the REST API and the Reports page call). Decision 0014.
 */
package dev.rfm.reports.delivery;
