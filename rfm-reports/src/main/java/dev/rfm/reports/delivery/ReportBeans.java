package dev.rfm.reports.delivery;

import dev.rfm.domain.database.Database;
import dev.rfm.reports.mail.MailSettings;
import dev.rfm.reports.mail.Mailer;
import dev.rfm.reports.pdf.SegmentReports;
import dev.rfm.reports.schedule.ReportSchedules;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the delivery engine and its parts once from the settings, so that they stay plain classes that tests build
 * themselves.
 */
@ApplicationScoped
public class ReportBeans {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    SegmentReports reports;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "rfm.smtp.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "rfm.smtp.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "rfm.smtp.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "rfm.smtp.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "rfm.smtp.from", defaultValue = "rfm-reports@localhost")
    String from;

    @Inject
    @ConfigProperty(name = "rfm.smtp.starttls", defaultValue = "false")
    boolean startTls;

    @Inject
    @ConfigProperty(name = "rfm.mail.enabled", defaultValue = "true")
    boolean mailEnabled;

    @Inject
    @ConfigProperty(name = "rfm.reports.retry.first-seconds", defaultValue = "60")
    long retryFirstSeconds;

    @Inject
    @ConfigProperty(name = "rfm.reports.retry.max-seconds", defaultValue = "3600")
    long retryMaxSeconds;

    @Inject
    @ConfigProperty(name = "rfm.reports.retry.attempts", defaultValue = "10")
    int retryAttempts;

    private Mailer mailer;
    private DeliveryEngine engine;

    @PostConstruct
    void build() {
        mailer = new Mailer(new MailSettings(host, port, user, password, from, startTls, mailEnabled));
        RetryPolicy retry = new RetryPolicy(
                Duration.ofSeconds(retryFirstSeconds), Duration.ofSeconds(retryMaxSeconds), retryAttempts);
        engine = new DeliveryEngine(dataSource, reports, mailer, retry, clock, workerName());
    }

    @Produces
    DeliveryEngine engine() {
        return engine;
    }

    @Produces
    Mailer mailer() {
        return mailer;
    }

    @Produces
    ReportSchedules schedules() {
        return new ReportSchedules(dataSource);
    }

    @Produces
    ReportArchive archive() {
        return new ReportArchive(dataSource);
    }

    /** Names this server in the archive's leases (a new suffix per start). */
    private static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String name = host + "-" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 40 ? name.substring(name.length() - 40) : name;
    }
}
