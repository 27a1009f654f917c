package dev.rfm.reports.pdf;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At application start: first, before any page, export or report uses AWT fonts, points the JDK at the packaged font
 * ({@link JdkFonts}, extracted to {@code RFM_DATA_DIR/fonts}); then, in the background, renders the current run's
 * report once, so the first one a user asks for does not wait for templates and fonts to load (decision 0013).
 */
@ApplicationScoped
public class ReportStart {

    private static final Logger LOG = Logger.getLogger(ReportStart.class.getName());

    @Inject
    @ConfigProperty(name = "rfm.data.dir", defaultValue = "./rfm-data")
    String dataDir;

    @Inject
    SegmentReports reports;

    @Resource
    ManagedExecutorService executor;

    void atStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            JdkFonts.configure(Path.of(dataDir));
        } catch (UncheckedIOException e) {
            // the rest of the product works; a report then says what is wrong if the server has no fonts either
            LOG.log(Level.WARNING, e.getMessage(), e);
        }
        executor.execute(reports::warmUp);
    }
}
