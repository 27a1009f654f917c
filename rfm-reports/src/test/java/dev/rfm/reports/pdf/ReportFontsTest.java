package dev.rfm.reports.pdf;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.jasperreports.engine.DefaultJasperReportsContext;
import net.sf.jasperreports.engine.JasperReportsContext;
import net.sf.jasperreports.engine.fonts.FontFamily;
import org.junit.jupiter.api.Test;

/**
 * The packaged font is found in both languages; without it a report fails before it is made, saying what is missing,
 * as a PDF with blank Chinese glyphs must never reach a mailbox. "Without it" is a JasperReports context whose font
 * extensions are empty, as on a build that did not package the font.
 */
class ReportFontsTest {

    @Test
    void theFontIsFoundInBothLanguages() {
        for (Locale locale : SegmentReports.LOCALES) {
            assertThatCode(() -> ReportFonts.check(locale)).doesNotThrowAnyException();
        }
    }

    @Test
    void withoutTheFontAReportFailsSayingWhy() {
        JasperReportsContext noFonts = new WithoutFonts(DefaultJasperReportsContext.getInstance());
        assertThatThrownBy(() -> ReportFonts.check(noFonts, Locale.SIMPLIFIED_CHINESE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The report font 'RFM Sans' (Noto Sans SC) is not installed")
                .hasMessageContaining("Chinese (China) report would print blank glyphs");
    }

    /** JasperReports as it is, but without any font extension. */
    private record WithoutFonts(JasperReportsContext all) implements JasperReportsContext {

        @Override
        public <T> List<T> getExtensions(Class<T> type) {
            return type == FontFamily.class ? List.of() : all.getExtensions(type);
        }

        @Override
        public Object getValue(String key) {
            return all.getValue(key);
        }

        @Override
        public Object getOwnValue(String key) {
            return all.getOwnValue(key);
        }

        @Override
        public void setValue(String key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getProperty(String key) {
            return all.getProperty(key);
        }

        @Override
        public void setProperty(String key, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void removeProperty(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> getProperties() {
            return all.getProperties();
        }
    }
}
