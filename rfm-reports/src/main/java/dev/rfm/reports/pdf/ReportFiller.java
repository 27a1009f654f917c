package dev.rfm.reports.pdf;

import dev.rfm.domain.snapshot.SegmentColours;
import dev.rfm.domain.snapshot.SegmentRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.util.JRLoader;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;

/**
 * Fills the compiled templates ({@code *.jasper} beside this class, compiled by the build) with a {@link
 * ReportContent} in one language and exports the PDF. Labels come from the report's own bundle ({@code report*.properties}
 * here), segment names and actions from the run in that language; numbers and dates are formatted for the locale.
 */
final class ReportFiller {

    private final Map<String, JasperReport> templates = new ConcurrentHashMap<>();

    byte[] pdf(ReportContent content, Locale locale) throws JRException {
        ResourceBundle texts = ReportFonts.texts(locale);
        boolean chinese = locale.getLanguage().equals("zh");
        Map<String, Object> p = new HashMap<>();
        p.put(JRParameter.REPORT_LOCALE, locale);
        p.put(JRParameter.REPORT_RESOURCE_BUNDLE, texts);
        DateTimeFormatter date = DateTimeFormatter.ofPattern(texts.getString("date.pattern"), locale);
        p.put("SCHEME_NAME", texts.getString("scheme." + content.scheme()));
        p.put("RUN_ID", content.run().id());
        p.put("CUSTOMERS_SCORED", content.kpis().customers());
        p.put("REFERENCE_DATE", date.format(content.run().referenceDate()));
        p.put(
                "GENERATED_AT",
                DateTimeFormatter.ofPattern(texts.getString("dateTime.pattern"), locale)
                        .format(content.generatedAt()));
        p.put(
                "PREVIOUS_RUN",
                content.previous() == null
                        ? texts.getString("cover.none")
                        : MessageFormat.format(
                                texts.getString("cover.previousRun"),
                                String.valueOf(content.previous().runId()),
                                content.runDates()
                                                .containsKey(content.previous().runId())
                                        ? date.format(content.runDates()
                                                .get(content.previous().runId()))
                                        : "?"));
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> colours = new LinkedHashMap<>();
        for (SegmentRow s : content.segments()) {
            names.put(s.code(), ReportRows.name(s, chinese));
            colours.put(ReportRows.name(s, chinese), SegmentColours.of(content.scheme(), s.code()));
        }
        p.put(SegmentColourCustomizer.PARAMETER, colours);
        p.put("KPI_ROWS", ReportRows.kpiRows(content, texts, locale));
        p.put(
                "SEGMENT_ROWS",
                ReportRows.segmentRows(
                        content.segments(),
                        content.previousSizes(),
                        content.scheme(),
                        chinese,
                        content.previous() != null));
        p.put("PIE_ROWS", ReportRows.segmentRows(content.segments(), Map.of(), content.scheme(), chinese, false));
        p.put("HISTORY_ROWS", ReportRows.historyRows(content, names, date));
        p.put("SHOW_LIFECYCLE", !content.lifecycle().isEmpty());
        p.put("LIFECYCLE_ROWS", ReportRows.segmentRows(content.lifecycle(), Map.of(), "lifecycle", chinese, false));
        List<String> order = new ArrayList<>(names.keySet());
        p.put("MIGRATION_COLUMNS", Math.min(order.size(), ReportRows.MATRIX_COLUMNS));
        p.put("MIGRATION_ROWS", ReportRows.migrationRows(content.moves(), order, names, texts));
        p.put("HAS_MIGRATION", !content.moves().isEmpty());
        p.put("SHOW_CUSTOMERS", content.topCount() > 0);
        p.put("TOP_TITLE", MessageFormat.format(texts.getString("top.title"), content.topCount()));
        p.put("NOTE_ROWS", ReportRows.noteRows(content, texts));
        p.put("HAS_CAMPAIGNS", !content.campaigns().isEmpty());
        p.put(
                "CAMPAIGN_NOTE",
                MessageFormat.format(
                        texts.getString(content.campaigns().isEmpty() ? "campaigns.none" : "campaigns.note"),
                        String.valueOf(ReportReader.CAMPAIGN_DAYS),
                        String.valueOf(ReportReader.MAX_CAMPAIGNS),
                        date.format(content.campaignsMeasuredOn())));
        p.put("CAMPAIGN_ROWS", CampaignRows.rows(content.campaigns(), content.campaignsMeasuredOn(), texts, locale));
        for (String sub : List.of("segment-table", "kpis", "migration", "top-customers", "notes", "campaigns")) {
            p.put(sub.toUpperCase(Locale.ROOT).replace('-', '_') + "_REPORT", template(sub));
        }
        JasperPrint print = JasperFillManager.fillReport(
                template("segment-report"), p, ReportRows.sections(content, names, chinese));
        JRPdfExporter exporter = new JRPdfExporter();
        exporter.setExporterInput(new SimpleExporterInput(print));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
        SimplePdfExporterConfiguration config = new SimplePdfExporterConfiguration();
        config.setMetadataTitle(texts.getString("report.title") + " – " + p.get("SCHEME_NAME") + " – "
                + content.run().id());
        config.setMetadataCreator(texts.getString("product"));
        exporter.setConfiguration(config);
        exporter.exportReport();
        return out.toByteArray();
    }

    private JasperReport template(String name) {
        return templates.computeIfAbsent(name, n -> {
            try (InputStream in = ReportFiller.class.getResourceAsStream(n + ".jasper")) {
                if (in == null) {
                    throw new IllegalStateException("Report template " + n + ".jasper is missing: rfm-reports was"
                            + " built without compiling its templates.");
                }
                return (JasperReport) JRLoader.loadObject(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JRException e) {
                throw new IllegalStateException("Report template " + n + ".jasper cannot be loaded", e);
            }
        });
    }
}
