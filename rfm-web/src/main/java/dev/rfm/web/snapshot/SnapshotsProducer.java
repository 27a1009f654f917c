package dev.rfm.web.snapshot;

import dev.rfm.domain.database.Database;
import dev.rfm.domain.ingest.ImportRecords;
import dev.rfm.domain.snapshot.RunOverview;
import dev.rfm.domain.snapshot.SegmentActions;
import dev.rfm.domain.snapshot.Snapshots;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import javax.sql.DataSource;

/** Hands the plain-Java read models of the domain to CDI, over the application's data source. */
@ApplicationScoped
public class SnapshotsProducer {

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Produces
    @ApplicationScoped
    Snapshots snapshots() {
        return new Snapshots(dataSource);
    }

    /** One per application: it remembers the scans of published runs. */
    @Produces
    @jakarta.inject.Singleton
    RunOverview runOverview() {
        return new RunOverview(dataSource);
    }

    @Produces
    @ApplicationScoped
    dev.rfm.domain.snapshot.ChurnWatch churnWatch() {
        return new dev.rfm.domain.snapshot.ChurnWatch(dataSource);
    }

    @Produces
    SegmentActions segmentActions() {
        return new SegmentActions(dataSource);
    }

    @Produces
    ImportRecords importRecords() {
        return new ImportRecords(dataSource);
    }
}
