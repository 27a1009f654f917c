package dev.rfm.reports.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Date;
import java.util.Properties;

/**
 * Sends mail through the configured SMTP server with Jakarta Mail (the server's implementation; the WAR packages
 * none). One message per recipient, so that each recipient's mail is accepted or refused on its own and a retry
 * never mails someone twice. A session is built from {@link MailSettings} rather than looked up in JNDI, so the WAR
 * needs no server-side mail resource.
 */
public class Mailer {

    /** Long enough for a slow server, short enough that a dead one does not hold a worker for minutes. */
    private static final String TIMEOUT_MILLIS = "20000";

    private final MailSettings settings;
    private final Session session;

    public Mailer(MailSettings settings) {
        this.settings = settings;
        this.session = settings.host().isPresent() ? session(settings) : null;
    }

    public MailSettings settings() {
        return settings;
    }

    /** Sends the report mail to one address; throws when the SMTP server cannot be reached or refuses it. */
    public void send(String to, ReportMail mail) throws MessagingException {
        MimeMessage message = message(to, mail.subject());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.body(), "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.pdf(), "application/pdf")));
        attachment.setFileName(mail.fileName());
        // always base64: a PDF that happens to be ASCII would otherwise go as text, and line ends would change
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        message.setContent(new MimeMultipart(text, attachment));
        Transport.send(message);
    }

    /** A plain text mail, e.g. the test mail. */
    public void sendText(String to, String subject, String body) throws MessagingException {
        MimeMessage message = message(to, subject);
        message.setText(body, "UTF-8");
        Transport.send(message);
    }

    private MimeMessage message(String to, String subject) throws MessagingException {
        if (session == null) throw new MessagingException(settings.offReason().orElse("Mail is not configured."));
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.from()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(subject, "UTF-8"); // RFC 2047 encoded: Chinese subjects survive every mail server
        message.setSentDate(new Date());
        return message;
    }

    private static Session session(MailSettings s) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", s.host().orElseThrow());
        p.put("mail.smtp.port", Integer.toString(s.port()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.from", s.from());
        if (s.startTls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (s.user().isEmpty()) return Session.getInstance(p);
        p.put("mail.smtp.auth", "true");
        String user = s.user().get();
        String password = s.password().orElse("");
        return Session.getInstance(p, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, password);
            }
        });
    }
}
