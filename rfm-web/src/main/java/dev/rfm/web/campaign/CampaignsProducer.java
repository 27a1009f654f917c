package dev.rfm.web.campaign;

import dev.rfm.domain.campaign.Campaigns;
import dev.rfm.domain.database.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.LocalDate;
import javax.sql.DataSource;

/** Hands the campaign storage to CDI, and says what day it is for the measurement (one clock, replaceable). */
@ApplicationScoped
public class CampaignsProducer {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    /** The server's calendar: a window ends at midnight in the server's time zone, as order dates are days. */
    Clock clock = Clock.systemDefaultZone();

    @Produces
    @ApplicationScoped
    Campaigns campaigns() {
        return new Campaigns(dataSource);
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }
}
