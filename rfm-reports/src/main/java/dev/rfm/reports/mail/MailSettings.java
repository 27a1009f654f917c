package dev.rfm.reports.mail;

import java.util.Optional;

/**
 * How to reach the SMTP server, from MicroProfile Config ({@code RFM_SMTP_HOST}, {@code RFM_SMTP_PORT}, {@code
 * RFM_SMTP_USER}, {@code RFM_SMTP_PASSWORD}, {@code RFM_SMTP_FROM}, {@code RFM_SMTP_STARTTLS}) and whether mail goes
 * out at all ({@code RFM_MAIL_ENABLED}).
 *
 * @param host empty: mail is not configured, reports are archived only
 * @param user empty: no authentication
 * @param startTls {@code true}: STARTTLS is required before anything is sent
 */
public record MailSettings(
        Optional<String> host,
        int port,
        Optional<String> user,
        Optional<String> password,
        String from,
        boolean startTls,
        boolean enabled) {

    public MailSettings {
        host = host.filter(h -> !h.isBlank());
        user = user.filter(u -> !u.isBlank());
        if (port < 1 || port > 65535) throw new IllegalArgumentException("RFM_SMTP_PORT must be 1–65535: " + port);
    }

    /** Why nothing is sent, when nothing is: the kill switch, or no SMTP host. */
    public Optional<String> offReason() {
        if (!enabled) return Optional.of("Mail is switched off (RFM_MAIL_ENABLED=false): archived, not sent.");
        if (host.isEmpty())
            return Optional.of("Mail is not configured (RFM_SMTP_HOST is not set): archived, not sent.");
        return Optional.empty();
    }
}
