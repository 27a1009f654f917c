package dev.rfm.reports.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The clock that decides when reports are due: the server's, in its default time zone. Tests pass their own. */
@ApplicationScoped
public class ReportClock {

    @Produces
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
