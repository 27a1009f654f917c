package dev.rfm.reports.pdf;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.Locale;
import java.util.ResourceBundle;
import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.engine.fonts.FontFamily;

/**
 * The report's language resources: its texts and its one font family, {@value #FAMILY} (Noto Sans SC, packaged by the
 * build as a JasperReports font extension). Without the font a PDF would show Chinese as blank boxes, so a report
 * fails instead, saying why.
 */
final class ReportFonts {

    /** The family every template uses, declared in {@code dev/rfm/reports/fonts/fonts.xml}. */
    static final String FAMILY = "RFM Sans";

    private ReportFonts() {}

    /** The report's texts in exactly that language: no fallback to the server's default locale. */
    static ResourceBundle texts(Locale locale) {
        return ResourceBundle.getBundle(
                "dev.rfm.reports.pdf.report",
                locale,
                ReportFonts.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /**
     * @throws IllegalStateException when the packaged font is not installed
     * @throws ReportFontsUnavailable when Java on this server cannot use fonts at all
     */
    static void check(Locale locale) {
        check(DefaultJasperReportsContext.getInstance(), locale);
        checkJdk();
    }

    private static volatile boolean jdkFontsWork;

    /**
     * Measures a text the way JasperReports will: on a server whose Java cannot start its font manager this fails at
     * once with a message saying what to do, instead of deep inside a report with an internal error.
     */
    static void checkJdk() {
        if (jdkFontsWork) return;
        try {
            new Font(Font.SANS_SERIF, Font.PLAIN, 10)
                    .getStringBounds("RFM 客户", new FontRenderContext(null, true, true));
            jdkFontsWork = true;
        } catch (RuntimeException | InternalError | LinkageError e) {
            throw new ReportFontsUnavailable(e);
        }
    }

    /** @throws IllegalStateException when JasperReports, as {@code context} sees it, has no {@value #FAMILY} */
    static void check(JasperReportsContext context, Locale locale) {
        boolean installed = context.getExtensions(FontFamily.class).stream()
                .anyMatch(f -> FAMILY.equals(f.getName()) && f.supportsLocale(locale) && f.getNormalFace() != null);
        if (!installed) {
            throw new IllegalStateException("The report font '" + FAMILY + "' (Noto Sans SC) is not installed:"
                    + " rfm-reports was built without its font extension, and a "
                    + locale.getDisplayName(Locale.ENGLISH) + " report would print blank glyphs. Build rfm-reports"
                    + " with network access once (it fetches the font into the Maven cache) and redeploy.");
        }
    }
}
