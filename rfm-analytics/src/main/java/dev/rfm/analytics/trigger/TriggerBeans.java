package dev.rfm.analytics.trigger;

import dev.rfm.domain.database.Database;
import dev.rfm.domain.source.SecretBox;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the triggers' plain classes from the settings ({@code RFM_TRIGGERS_*}, {@code RFM_WEBHOOK_*}) and produces
 * them for the boundaries, so that they stay plain classes that tests build themselves.
 */
@ApplicationScoped
public class TriggerBeans {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "rfm.triggers.batch-size", defaultValue = "500")
    int batchSize;

    @Inject
    @ConfigProperty(name = "rfm.triggers.retry.first-seconds", defaultValue = "30")
    long retryFirstSeconds;

    @Inject
    @ConfigProperty(name = "rfm.triggers.retry.max-seconds", defaultValue = "3600")
    long retryMaxSeconds;

    @Inject
    @ConfigProperty(name = "rfm.triggers.give-up-seconds", defaultValue = "86400")
    long giveUpSeconds;

    @Inject
    @ConfigProperty(name = "rfm.webhook.timeout-seconds", defaultValue = "10")
    long timeoutSeconds;

    @Inject
    @ConfigProperty(name = "rfm.webhook.allow-http", defaultValue = "false")
    boolean allowHttp;

    @Inject
    SecretBox secrets;

    private TriggerEngine engine;

    @PostConstruct
    void build() {
        TriggerRetry retry = new TriggerRetry(
                Duration.ofSeconds(retryFirstSeconds),
                Duration.ofSeconds(retryMaxSeconds),
                Duration.ofSeconds(giveUpSeconds));
        engine = new TriggerEngine(
                dataSource,
                batchSize,
                new WebhookSender(Duration.ofSeconds(timeoutSeconds)),
                retry,
                Clock.systemDefaultZone(),
                workerName(),
                secrets);
    }

    @Produces
    TriggerEngine engine() {
        return engine;
    }

    @Produces
    SegmentTriggers triggers() {
        return new SegmentTriggers(dataSource, secrets);
    }

    @Produces
    TriggerDeliveries deliveries() {
        return new TriggerDeliveries(dataSource);
    }

    /** Whether {@code http://} webhooks are accepted (RFM_WEBHOOK_ALLOW_HTTP: internal networks, tests). */
    public boolean allowHttp() {
        return allowHttp;
    }

    /** Names this server in the deliveries' leases (a new suffix per start). */
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
