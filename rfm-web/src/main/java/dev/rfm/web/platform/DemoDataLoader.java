package dev.rfm.web.platform;

import dev.rfm.domain.customer.Customers;
import dev.rfm.domain.demo.DemoDataGenerator;
import dev.rfm.domain.demo.DemoDataSettings;
import dev.rfm.domain.demo.DemoDataSummary;
import dev.rfm.domain.ingest.ImportFailedException;
import dev.rfm.domain.ingest.ImportResult;
import dev.rfm.web.ingest.Importer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code RFM_DEMO_DATA=true} (the default): on an empty database, generates the demo data set (about 20,000 customers
 * over the two years up to yesterday) and imports it through the normal import, in the background so the server is
 * ready at once. Safe with two servers: the import is idempotent and serialized by its database guard.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class.getName());

    @Inject
    @ConfigProperty(name = "rfm.demo.data", defaultValue = "true")
    boolean demoData;

    @Inject
    Customers customers;

    @Inject
    Importer importer;

    @Inject
    Event<DemoDataLoaded> loaded;

    @Resource
    ManagedExecutorService executor;

    private volatile boolean loading;

    /** How far the import of the generated file is, 0..100 (generating counts as 0). */
    private volatile int percent;

    /** Fired when the demo data has been imported, e.g. to start the first scoring run. */
    public record DemoDataLoaded(long importId, LocalDate lastDay) {}

    @PostConstruct
    void loadWhenEmpty() {
        if (demoData && customers.base().getCustomers() == 0) {
            loading = true;
            executor.submit(this::load);
        }
    }

    private void load() {
        LocalDate lastDay = LocalDate.now().minusDays(1);
        Path file = null;
        try {
            file = Files.createTempFile("rfm-demo-", ".csv");
            DemoDataSummary summary;
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                summary =
                        DemoDataGenerator.of(DemoDataSettings.endingOn(lastDay)).writeCsv(out);
            }
            LOG.info(() -> "Demo data generated: " + summary.customers() + " customers, " + summary.rows() + " rows");
            ImportResult result;
            try (InputStream in = Files.newInputStream(file)) {
                result = importer.importCsv(
                        in, Files.size(file), "demo-data.csv", "system", (phase, read, total, rows) -> {
                            if (total > 0) percent = (int) Math.min(99, 100 * read / total);
                        });
            }
            LOG.info(() -> "Demo data imported: " + result.customersCreated() + " customers, " + result.ordersCreated()
                    + " orders");
            loaded.fire(new DemoDataLoaded(result.importId(), lastDay));
        } catch (IOException | ImportFailedException | RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not load the demo data", e);
        } finally {
            loading = false;
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "temp file left behind", e);
                }
            }
        }
    }

    /** True while the demo data is being generated and imported (the overview says so). */
    public boolean isLoading() {
        return loading;
    }

    /** How far the loading is, 0..100. */
    public int getPercent() {
        return percent;
    }
}
