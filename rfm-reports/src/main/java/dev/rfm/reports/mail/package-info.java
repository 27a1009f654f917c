/**
 * Outgoing mail: the SMTP settings ({@link dev.rfm.reports.mail.MailSettings}, {@code RFM_SMTP_*} and the kill switch
 * {@code RFM_MAIL_ENABLED}), the texts in the report's language ({@link dev.rfm.reports.mail.ReportMail}) and the
 * sending itself with Jakarta Mail ({@link dev.rfm.reports.mail.Mailer}).
 */
package dev.rfm.reports.mail;
