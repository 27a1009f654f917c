package dev.rfm.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rfm.analytics.run.ReportRuns;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.domain.testing.TestDatabase;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The PDF segment report of a real scored run, on H2 and PostgreSQL: its text (extracted by PDFBox) holds every
 * segment's name and the customer count and share that {@link Snapshots} reads for the run, in English and in
 * Chinese; every font is embedded; customer ids appear only when asked for. Each page is rendered to PNG under {@code
 * target/report-pages} for people to look at (CI keeps target directories).
 */
class SegmentReportTest {

    private static final TestDatabase.PerClass DATABASES = new TestDatabase.PerClass();
    private static final Map<TestDatabase, long[]> RUNS = new EnumMap<>(TestDatabase.class);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T08:30:00Z"), ZoneOffset.UTC);
    private static final Path PAGES = Path.of("target", "report-pages");

    private static synchronized long[] runs(TestDatabase database) throws SQLException {
        if (!RUNS.containsKey(database)) RUNS.put(database, ReportRuns.twoRuns(DATABASES.get(database)));
        return RUNS.get(database);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void englishAndChineseReportsShowTheRunsSegmentNumbers(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long run = runs(database)[1];
        SegmentReports reports = new SegmentReports(ds, CLOCK);
        Snapshots snapshots = new Snapshots(ds);
        for (String scheme : List.of("standard", "cn8", "lifecycle")) {
            List<SegmentRow> segments = snapshots.segments(run, scheme);
            assertThat(segments).isNotEmpty();
            for (Locale locale : SegmentReports.LOCALES) {
                byte[] pdf = reports.render(run, scheme, locale, 5);
                String name = database.name().toLowerCase(Locale.ROOT) + "-" + scheme + "-" + locale.toLanguageTag();
                String text = text(pdf, name);
                boolean chinese = locale.getLanguage().equals("zh");
                assertThat(text).contains(chinese ? "客户分群报告" : "Segment report");
                DecimalFormat count = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(locale));
                DecimalFormat share = new DecimalFormat("0.0%", DecimalFormatSymbols.getInstance(locale));
                for (SegmentRow s : segments) {
                    String segment = chinese ? s.nameZh() : s.nameEn();
                    // the segment table's row: name, customers, share, side by side
                    assertThat(text)
                            .as("%s in %s", segment, name)
                            .containsPattern(java.util.regex.Pattern.quote(segment) + "\\s+"
                                    + java.util.regex.Pattern.quote(count.format(s.customers())) + "\\s+"
                                    + java.util.regex.Pattern.quote(share.format(s.share())));
                }
            }
        }
        assertThat(text(reports.render(run, "cn8", Locale.SIMPLIFIED_CHINESE, 0), "unused"))
                .contains("重要价值客户");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyFontIsEmbedded(TestDatabase database) throws Exception {
        SegmentReports reports = new SegmentReports(DATABASES.get(database), CLOCK);
        long run = runs(database)[1];
        for (Locale locale : SegmentReports.LOCALES) {
            try (PDDocument document = Loader.loadPDF(reports.render(run, "standard", locale, 3))) {
                List<String> fonts = new ArrayList<>();
                for (PDPage page : document.getPages()) collectFonts(page.getResources(), fonts, document);
                assertThat(fonts).isNotEmpty().allSatisfy(f -> assertThat(f).endsWith("embedded"));
                assertThat(fonts).anyMatch(f -> f.contains("NotoSansSC"));
            }
        }
    }

    private static void collectFonts(PDResources resources, List<String> fonts, PDDocument document)
            throws IOException {
        if (resources == null) return;
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            fonts.add(font.getName() + (font.isEmbedded() ? " embedded" : " NOT EMBEDDED"));
        }
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form) {
                collectFonts(form.getResources(), fonts, document);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void topCustomersAreListedOnlyWhenAskedFor(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        long run = runs(database)[1];
        SegmentReports reports = new SegmentReports(ds, CLOCK);
        String best = topCustomer(ds, run);
        assertThat(text(reports.render(run, "standard", Locale.ENGLISH, 3), "unused"))
                .contains(best, "Name " + best);
        String hidden = text(reports.render(run, "standard", Locale.ENGLISH, 0), "unused");
        assertThat(hidden).doesNotContain("Name C").doesNotContainPattern("\\bC\\d+\\b");
        assertThat(hidden).contains("Customer lists are left out of this report");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anUnknownRunOrLanguageFailsClearly(TestDatabase database) throws Exception {
        SegmentReports reports = new SegmentReports(DATABASES.get(database), CLOCK);
        long run = runs(database)[1];
        assertThatThrownBy(() -> reports.render(run + 1000, "standard", Locale.ENGLISH, 0))
                .isInstanceOf(UnknownRunException.class)
                .hasMessage("No run " + (run + 1000) + ".");
        assertThatThrownBy(() -> reports.render(run, "abc", Locale.ENGLISH, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme");
        assertThatThrownBy(() -> reports.render(run, "standard", Locale.GERMAN, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("en or zh-CN");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRunWithoutCustomersStillGivesAReport(TestDatabase database) throws Exception {
        DataSource ds = DATABASES.get(database);
        runs(database); // the empty run comes after the scored ones, so it has a previous run too
        long empty;
        try (var c = ds.getConnection();
                var s = c.createStatement()) {
            s.executeUpdate("insert into scoring_run (status, reference_date, trigger_source, queued_at)"
                    + " values ('SUCCEEDED', date '2025-02-01', 'MANUAL', current_timestamp)");
            try (var rs = s.executeQuery("select max(id) from scoring_run")) {
                rs.next();
                empty = rs.getLong(1);
            }
        }
        String text = text(
                new SegmentReports(ds, CLOCK).render(empty, "standard", Locale.SIMPLIFIED_CHINESE, 10),
                database.name().toLowerCase(Locale.ROOT) + "-empty-run");
        assertThat(text).contains("客户分群报告", "#" + empty, "关键指标", "说明：定义与分割点");
    }

    /** The customer of the run with the highest predicted CLV. */
    private static String topCustomer(DataSource ds, long run) throws SQLException {
        try (var c = ds.getConnection();
                var ps = c.prepareStatement("select c.external_id from customer_score s join customer c"
                        + " on c.id = s.customer_id where s.run_id = ? and s.predicted_clv is not null"
                        + " order by s.predicted_clv desc, s.customer_id fetch first 1 rows only")) {
            ps.setLong(1, run);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * The PDF's text; the PDF and its pages go to {@code target/report-pages/<name>.pdf} and {@code <name>-p<n>.png}
     * unless the name is "unused".
     */
    static String text(byte[] pdf, String name) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            if (!name.equals("unused")) {
                Files.createDirectories(PAGES);
                Files.write(PAGES.resolve(name + ".pdf"), pdf);
                PDFRenderer renderer = new PDFRenderer(document);
                for (int i = 0; i < document.getNumberOfPages(); i++) {
                    BufferedImage image = renderer.renderImageWithDPI(i, 80);
                    ImageIO.write(
                            image,
                            "png",
                            PAGES.resolve(name + "-p" + (i + 1) + ".png").toFile());
                }
            }
            return new PDFTextStripper().getText(document);
        }
    }
}
