package dev.rfm.reports.pdf;

import dev.rfm.analytics.run.ReportRuns;
import dev.rfm.domain.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Run by {@link NoSystemFontsTest} in a JVM of its own that sees no fonts. {@code check PATH}: uses fonts as the
 * server would without the platform's font configuration, writes what happened and exits 3 when fonts fail. {@code
 * render PATH}: renders a Chinese report the way the application does (the font configuration first) into PATH.
 */
public final class FontlessReport {

    private FontlessReport() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[1]);
        if (args[0].equals("check")) {
            try {
                ReportFonts.checkJdk();
                Files.writeString(out, "fonts work");
            } catch (ReportFontsUnavailable e) {
                Files.writeString(out, e.getMessage());
                System.exit(3);
            }
            return;
        }
        DataSource ds = TestDatabase.H2.create();
        long run = ReportRuns.twoRuns(ds)[1];
        byte[] pdf = new SegmentReports(ds, Clock.systemUTC()).render(run, "cn8", Locale.SIMPLIFIED_CHINESE, 3);
        Files.write(out, pdf);
    }
}
