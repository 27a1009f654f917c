package dev.rfm.reports.pdf;

import dev.rfm.domain.snapshot.RunOverview.Kpis;
import dev.rfm.domain.snapshot.RunOverview.Move;
import dev.rfm.domain.snapshot.SegmentColours;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.reports.pdf.ReportContent.TopCustomer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
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

    /** How many segments the migration matrix has columns for; more (custom schemes) are cut off. */
    static final int MATRIX_COLUMNS = 12;

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
            names.put(s.code(), name(s, chinese));
            colours.put(name(s, chinese), SegmentColours.of(content.scheme(), s.code()));
        }
        p.put(SegmentColourCustomizer.PARAMETER, colours);
        p.put("KPI_ROWS", kpiRows(content, texts, locale));
        p.put(
                "SEGMENT_ROWS",
                segmentRows(
                        content.segments(),
                        content.previousSizes(),
                        content.scheme(),
                        chinese,
                        content.previous() != null));
        p.put("PIE_ROWS", segmentRows(content.segments(), Map.of(), content.scheme(), chinese, false));
        p.put("HISTORY_ROWS", historyRows(content, names, date));
        p.put("SHOW_LIFECYCLE", !content.lifecycle().isEmpty());
        p.put("LIFECYCLE_ROWS", segmentRows(content.lifecycle(), Map.of(), "lifecycle", chinese, false));
        List<String> order = new ArrayList<>(names.keySet());
        p.put("MIGRATION_COLUMNS", Math.min(order.size(), MATRIX_COLUMNS));
        p.put("MIGRATION_ROWS", migrationRows(content.moves(), order, names, texts));
        p.put("HAS_MIGRATION", !content.moves().isEmpty());
        p.put("SHOW_CUSTOMERS", content.topCount() > 0);
        p.put("TOP_TITLE", MessageFormat.format(texts.getString("top.title"), content.topCount()));
        p.put("NOTE_ROWS", noteRows(content, texts));
        for (String sub : List.of("segment-table", "kpis", "migration", "top-customers", "notes")) {
            p.put(sub.toUpperCase(Locale.ROOT).replace('-', '_') + "_REPORT", template(sub));
        }
        JasperPrint print =
                JasperFillManager.fillReport(template("segment-report"), p, sections(content, names, chinese));
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

    static String name(SegmentRow s, boolean chinese) {
        return chinese && s.nameZh() != null ? s.nameZh() : s.nameEn();
    }

    private static JRDataSource rows(List<Map<String, ?>> rows) {
        return new JRMapCollectionDataSource(rows);
    }

    private static JRDataSource kpiRows(ReportContent c, ResourceBundle texts, Locale locale) {
        Kpis now = c.kpis();
        Kpis before = c.previous();
        NumberFormat count = NumberFormat.getIntegerInstance(locale);
        NumberFormat money = NumberFormat.getNumberInstance(locale);
        money.setMinimumFractionDigits(2);
        money.setMaximumFractionDigits(2);
        NumberFormat percent = NumberFormat.getPercentInstance(locale);
        percent.setMaximumFractionDigits(1);
        percent.setMinimumFractionDigits(1);
        List<Map<String, ?>> rows = new ArrayList<>();
        rows.add(kpi(texts, "customers", count, now.customers(), before == null ? null : before.customers(), false));
        rows.add(kpi(
                texts,
                "active",
                count,
                now.activeCustomers(),
                before == null ? null : before.activeCustomers(),
                false));
        rows.add(kpi(texts, "revenue", money, now.revenue(), before == null ? null : before.revenue(), false));
        rows.add(
                kpi(texts, "repeatRate", percent, now.repeatRate(), before == null ? null : before.repeatRate(), true));
        rows.add(kpi(
                texts,
                "avgClv",
                money,
                now.avgPredictedClv(),
                before == null ? null : before.avgPredictedClv(),
                false));
        rows.add(kpi(
                texts, "shareA", percent, now.revenueShareA(), before == null ? null : before.revenueShareA(), true));
        rows.add(kpi(texts, "atRisk", count, now.atRisk(), before == null ? null : before.atRisk(), false));
        return rows(rows);
    }

    /** A KPI row; a change of fractions is shown in percentage points. */
    private static Map<String, ?> kpi(
            ResourceBundle texts, String key, NumberFormat format, Number now, Number before, boolean fraction) {
        Locale locale = texts.getLocale();
        Map<String, Object> row = new HashMap<>();
        row.put("name", texts.getString("kpi." + key));
        row.put("value", now == null ? "–" : format.format(now));
        row.put("previous", before == null ? "–" : format.format(before));
        String change = "–";
        if (now != null && before != null) {
            BigDecimal diff = new BigDecimal(now.toString()).subtract(new BigDecimal(before.toString()));
            if (fraction) {
                NumberFormat points = NumberFormat.getNumberInstance(locale);
                points.setMaximumFractionDigits(1);
                points.setMinimumFractionDigits(1);
                change = (diff.signum() > 0 ? "+" : "") + points.format(diff.movePointRight(2)) + " pp";
            } else {
                change = (diff.signum() > 0 ? "+" : "") + format.format(diff);
            }
        }
        row.put("change", change);
        row.put(
                "direction",
                now == null || before == null ? 0 : Double.compare(now.doubleValue(), before.doubleValue()));
        return row;
    }

    private static JRDataSource segmentRows(
            List<SegmentRow> segments, Map<String, Long> before, String scheme, boolean chinese, boolean changes) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (SegmentRow s : segments) {
            Map<String, Object> row = new HashMap<>();
            row.put("code", s.code());
            row.put("name", name(s, chinese));
            row.put("colour", SegmentColours.of(scheme, s.code()));
            row.put("customers", s.customers());
            row.put("share", s.share());
            row.put("revenue", s.revenue());
            row.put("revenueShare", s.revenueShare());
            row.put("recency", s.avgRecencyDays());
            row.put("frequency", s.avgFrequency());
            row.put("monetary", s.avgMonetary());
            row.put("clv", s.avgPredictedClv());
            row.put("change", changes ? (Long) (s.customers() - before.getOrDefault(s.code(), 0L)) : null);
            rows.add(row);
        }
        return rows(rows);
    }

    private static JRDataSource historyRows(ReportContent c, Map<String, String> names, DateTimeFormatter date) {
        List<Map<String, ?>> rows = new ArrayList<>();
        c.sizes()
                .forEach((run, sizes) -> names.forEach((code, name) -> {
                    Map<String, Object> row = new HashMap<>();
                    java.time.LocalDate day = c.runDates().get(run);
                    row.put("run", "#" + run + (day == null ? "" : " · " + date.format(day)));
                    row.put("segment", name);
                    row.put("customers", sizes.getOrDefault(code, 0L));
                    rows.add(row);
                }));
        return rows(rows);
    }

    private static JRDataSource migrationRows(
            List<Move> moves, List<String> order, Map<String, String> names, ResourceBundle texts) {
        List<String> from = new ArrayList<>(order);
        if (moves.stream().anyMatch(m -> !names.containsKey(m.from()))) from.add("NONE");
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (int i = 0; i < from.size(); i++) {
            String code = from.get(i);
            Map<String, Object> row = new HashMap<>();
            boolean known = names.containsKey(code);
            row.put("no", known ? String.valueOf(i + 1) : "+");
            row.put("name", known ? names.get(code) : texts.getString("migration.none"));
            row.put("diagonal", known ? i + 1 : 0);
            rows.put(code, row);
        }
        for (Move m : moves) {
            int column = order.indexOf(m.to()) + 1;
            if (column < 1 || column > MATRIX_COLUMNS) continue;
            Map<String, Object> row = rows.get(names.containsKey(m.from()) ? m.from() : "NONE");
            row.merge("c" + column, m.customers(), (a, b) -> (Long) a + (Long) b);
        }
        return rows(new ArrayList<>(rows.values()));
    }

    private static JRDataSource noteRows(ReportContent c, ResourceBundle texts) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (String key : List.of("recency", "frequency", "monetary", "scores", "clv", "share")) {
            rows.add(Map.of("term", "", "text", texts.getString("note." + key)));
        }
        String none = texts.getString("note.none");
        rows.add(Map.of(
                "term", texts.getString("note.cutPoints"), "text", c.cutPoints() == null ? none : c.cutPoints()));
        rows.add(Map.of(
                "term",
                texts.getString("note.lifecycleThresholds"),
                "text",
                c.lifecycleThresholds() == null ? none : c.lifecycleThresholds()));
        if (c.scheme().equals("custom")) {
            StringBuilder rules = new StringBuilder();
            for (String[] r : c.customRules())
                rules.append(r[0]).append(": ").append(r[1].replace('\n', ' ')).append('\n');
            rows.add(Map.of(
                    "term",
                    texts.getString("note.customRules"),
                    "text",
                    rules.isEmpty() ? none : rules.toString().strip()));
        }
        return rows(rows);
    }

    /** The main data source: one row per segment for its action and top customers. */
    private static JRDataSource sections(ReportContent c, Map<String, String> names, boolean chinese) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (SegmentRow s : c.segments()) {
            Map<String, Object> row = new HashMap<>();
            ReportContent.ActionText action = c.actions().get(s.code());
            String text = action == null ? null : chinese && action.zh() != null ? action.zh() : action.en();
            row.put("name", names.get(s.code()));
            row.put("colour", SegmentColours.of(c.scheme(), s.code()));
            row.put("customers", s.customers());
            row.put("share", s.share());
            row.put("action", text == null ? "–" : text);
            List<Map<String, ?>> top = new ArrayList<>();
            int rank = 1;
            for (TopCustomer t : c.topCustomers().getOrDefault(s.code(), List.of())) {
                Map<String, Object> r = new HashMap<>();
                r.put("rank", rank++);
                r.put("customerId", t.customerId());
                r.put("name", t.name());
                r.put("clv", t.predictedClv());
                r.put("pAlive", t.pAlive());
                r.put("monetary", t.monetary());
                top.add(r);
            }
            row.put("top", rows(top));
            row.put("topCount", top.size());
            rows.add(row);
        }
        return rows(rows);
    }
}
