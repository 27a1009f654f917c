package dev.rfm.reports.pdf;

import dev.rfm.domain.database.Database;
import dev.rfm.domain.snapshot.RunOverview;
import dev.rfm.domain.snapshot.RunRecord;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import net.sf.jasperreports.engine.JRException;

/**
 * The PDF segment report of a run: cover, KPIs with their change, the segment table, the distribution and history
 * charts, the migration matrix, lifecycle counts, the campaigns running or recently ended with their uplift, each
 * segment's action and top customers, and the notes page.
 * Schedules, the archive, {@code GET /api/reports/segment-summary.pdf} and tests all render through here.
 *
 * <p>Usage: {@code reports.render(runId, "standard", Locale.SIMPLIFIED_CHINESE, 10)}.
 */
@ApplicationScoped
public class SegmentReports {

    /** The schemes a report can be made for. */
    public static final Set<String> SCHEMES = Set.of("standard", "cn8", "custom", "lifecycle");

    /** The languages a report can be made in. */
    public static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    /** The most top customers per segment a report lists. */
    public static final int MAX_TOP_CUSTOMERS = 100;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    private static final Logger LOG = Logger.getLogger(SegmentReports.class.getName());

    private Clock clock = Clock.systemDefaultZone();
    private ReportReader reader;
    private final ReportFiller filler = new ReportFiller();

    /** For CDI. */
    public SegmentReports() {}

    /** Outside a container (tests, benchmarks); the JDK's font configuration goes to the temporary directory. */
    public SegmentReports(DataSource dataSource, Clock clock) {
        JdkFonts.configure(Path.of(System.getProperty("java.io.tmpdir"), "rfm-report-fonts"));
        this.dataSource = dataSource;
        this.clock = clock;
        init();
    }

    @PostConstruct
    void init() {
        reader = new ReportReader(dataSource, new RunOverview(dataSource));
    }

    /**
     * Renders the report.
     *
     * @param runId a succeeded run; {@code 0} or negative: the current run
     * @param scheme {@code standard}, {@code cn8}, {@code custom} or {@code lifecycle}
     * @param locale {@link Locale#ENGLISH} or {@link Locale#SIMPLIFIED_CHINESE}
     * @param topCustomers customers listed per segment, best predicted CLV first; 0 leaves personal data out
     * @return the PDF
     * @throws UnknownRunException when there is no such run (or no current run)
     * @throws IllegalArgumentException for another scheme, language or count
     * @throws ReportFontsUnavailable when Java on this server cannot use fonts
     */
    public byte[] render(long runId, String scheme, Locale locale, int topCustomers) {
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException(
                    "Unknown scheme '" + scheme + "': use standard, cn8, custom or lifecycle.");
        }
        Locale language = LOCALES.stream()
                .filter(l ->
                        l.equals(locale) || (locale != null && l.getLanguage().equals(locale.getLanguage())))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("Unsupported report language '" + locale + "': use en or zh-CN."));
        if (topCustomers < 0 || topCustomers > MAX_TOP_CUSTOMERS) {
            throw new IllegalArgumentException(
                    "topCustomers must be 0.." + MAX_TOP_CUSTOMERS + ", was " + topCustomers);
        }
        ReportFonts.check(language);
        try {
            RunRecord run = reader.run(runId > 0 ? runId : null);
            ReportContent content = reader.read(run, scheme, topCustomers, LocalDateTime.now(clock));
            return filler.pdf(content, language);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read run " + runId + " for its report: " + e.getMessage(), e);
        } catch (JRException e) {
            throw new IllegalStateException(
                    "Cannot fill the segment report of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renders the current run's report once and drops it, loading templates and fonts (about 5 s the first time).
     * Nothing to do before the first run; a failure is the next real report's to explain.
     */
    void warmUp() {
        try {
            long started = System.nanoTime();
            render(0, "standard", Locale.SIMPLIFIED_CHINESE, 0);
            LOG.info(() -> "Report templates and fonts loaded in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (UnknownRunException e) {
            LOG.fine("No run to warm the report up with");
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Report warm-up failed", e);
        }
    }
}
