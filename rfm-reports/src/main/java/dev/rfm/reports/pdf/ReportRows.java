package dev.rfm.reports.pdf;

import dev.rfm.domain.snapshot.RunOverview.Kpis;
import dev.rfm.domain.snapshot.RunOverview.Move;
import dev.rfm.domain.snapshot.RunRules;
import dev.rfm.domain.snapshot.SegmentColours;
import dev.rfm.domain.snapshot.SegmentRow;
import dev.rfm.reports.pdf.ReportContent.TopCustomer;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * The rows the report's templates iterate over, built from a {@link ReportContent} in one language: maps keyed by the
 * templates' field names, numbers left as numbers for the templates' locale-aware patterns, except the KPIs, whose
 * mixed units (counts, money, percentages and percentage points) are formatted here.
 */
final class ReportRows {

    /** How many segments the migration matrix has columns for; more (custom schemes) are cut off. */
    static final int MATRIX_COLUMNS = 12;

    private ReportRows() {}

    static String name(SegmentRow s, boolean chinese) {
        return chinese && s.nameZh() != null ? s.nameZh() : s.nameEn();
    }

    private static JRDataSource rows(List<Map<String, ?>> rows) {
        return new JRMapCollectionDataSource(rows);
    }

    static JRDataSource kpiRows(ReportContent c, ResourceBundle texts, Locale locale) {
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

    static JRDataSource segmentRows(
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

    static JRDataSource historyRows(ReportContent c, Map<String, String> names, DateTimeFormatter date) {
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

    static JRDataSource migrationRows(
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

    static JRDataSource noteRows(ReportContent c, ResourceBundle texts) {
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
            for (RunRules.CustomRule r : c.customRules())
                rules.append(r.code())
                        .append(": ")
                        .append(r.conditions().replace('\n', ' '))
                        .append('\n');
            rows.add(Map.of(
                    "term",
                    texts.getString("note.customRules"),
                    "text",
                    rules.isEmpty() ? none : rules.toString().strip()));
        }
        return rows(rows);
    }

    /** The main data source: one row per segment for its action and top customers. */
    static JRDataSource sections(ReportContent c, Map<String, String> names, boolean chinese) {
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
