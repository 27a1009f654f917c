package dev.rfm.reports.mail;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * One report mail in the schedule's language: subject, body and the PDF with its file name. The texts come from the
 * {@code dev.rfm.reports.mail.mail} bundle (English and Simplified Chinese).
 */
public record ReportMail(String subject, String body, String fileName, byte[] pdf) {

    /** The mail of a delivery; {@code localeTag} is {@code en} or {@code zh-CN}. */
    public static ReportMail of(
            String localeTag, String scheduleName, String scheme, long runId, LocalDate referenceDate, byte[] pdf) {
        ResourceBundle texts = texts(localeTag);
        String schemeName = texts.containsKey("scheme." + scheme) ? texts.getString("scheme." + scheme) : scheme;
        Object[] args = {scheduleName, referenceDate.toString(), runId, schemeName};
        return new ReportMail(
                MessageFormat.format(texts.getString("report.subject"), args),
                MessageFormat.format(texts.getString("report.body"), args),
                "rfm-segment-report-" + scheme + "-" + referenceDate + "-run" + runId + "-" + localeTag + ".pdf",
                pdf);
    }

    /** The texts in a language; an unknown tag gives English. */
    public static ResourceBundle texts(String localeTag) {
        // the root bundle is English: never fall back to the server's default locale
        return ResourceBundle.getBundle(
                "dev.rfm.reports.mail.mail",
                Locale.forLanguageTag(localeTag),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
