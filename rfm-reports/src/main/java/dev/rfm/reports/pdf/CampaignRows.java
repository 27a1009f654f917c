package dev.rfm.reports.pdf;

import dev.rfm.analytics.campaign.CampaignResult;
import dev.rfm.analytics.campaign.Uplift;
import dev.rfm.domain.campaign.Campaign;
import dev.rfm.domain.campaign.GroupOutcome;
import dev.rfm.reports.pdf.ReportContent.MeasuredCampaign;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * The campaign section's rows ({@code campaigns.jrxml}): one per campaign, every figure formatted here as the
 * Campaigns page formats it — counts, rates in %, money with two decimals, uplifts signed ("+4.2 pp", "−1.20", "±0.0
 * pp") with their 95 % interval — so that the page, the API's numbers and the PDF read alike. A part the statistics
 * leave undefined (null) reads "not enough data".
 */
final class CampaignRows {

    private CampaignRows() {}

    static JRDataSource rows(
            List<MeasuredCampaign> campaigns, LocalDate measuredOn, ResourceBundle texts, Locale locale) {
        boolean chinese = locale.getLanguage().equals("zh");
        DateTimeFormatter date = DateTimeFormatter.ofPattern(texts.getString("date.pattern"), locale);
        List<Map<String, ?>> rows = new ArrayList<>();
        for (MeasuredCampaign m : campaigns) {
            Campaign c = m.campaign();
            CampaignResult r = m.result();
            Map<String, Object> row = new HashMap<>();
            row.put("name", c.name());
            row.put(
                    "heading",
                    format(
                            texts,
                            "campaign.heading",
                            target(m, chinese, texts),
                            format(texts, "campaign.from", date.format(c.startDate())),
                            window(c, r, measuredOn, texts)));
            group(row, "t", r.treatment(), texts, locale);
            group(row, "c", r.control(), texts, locale);
            row.put("rateUplift", uplift(r.repurchaseUplift(), 100, 1, texts.getString("campaign.pp"), texts, locale));
            row.put("revenueUplift", uplift(r.revenuePerCustomerUplift(), 1, 2, "", texts, locale));
            rows.add(row);
        }
        return new JRMapCollectionDataSource(rows);
    }

    /** "Standard RFM segments: At Risk (run 3)" in the report's language, or "Uploaded list". */
    static String target(MeasuredCampaign m, boolean chinese, ResourceBundle texts) {
        Campaign c = m.campaign();
        if (c.scheme() == null) return texts.getString("campaign.uploadedList");
        String segment = chinese && m.segmentZh() != null ? m.segmentZh() : m.segmentEn();
        return format(
                texts, "campaign.target", texts.getString("scheme." + c.scheme()), segment, String.valueOf(c.runId()));
    }

    /** "30 days, complete" or "day 12 of 30": the days measured so far. */
    static String window(Campaign c, CampaignResult r, LocalDate measuredOn, ResourceBundle texts) {
        if (r.complete()) return format(texts, "campaign.complete", String.valueOf(c.windowDays()));
        long day = Math.max(0, ChronoUnit.DAYS.between(c.startDate(), measuredOn) + 1);
        return format(texts, "campaign.running", String.valueOf(day), String.valueOf(c.windowDays()));
    }

    private static void group(
            Map<String, Object> row, String prefix, GroupOutcome g, ResourceBundle texts, Locale locale) {
        NumberFormat count = NumberFormat.getIntegerInstance(locale);
        row.put(prefix + "Customers", count.format(g.customers()));
        row.put(prefix + "Buyers", count.format(g.buyers()));
        // as GET …/result: buyers / customers, and revenue / customers to 4 decimals (half even), shown to 2
        row.put(
                prefix + "Rate",
                g.customers() == 0
                        ? "–"
                        : format(
                                texts,
                                "campaign.percent",
                                decimal((double) g.buyers() / g.customers() * 100, 1, locale)));
        row.put(
                prefix + "Revenue",
                g.customers() == 0
                        ? "–"
                        : decimal(
                                g.revenue().divide(BigDecimal.valueOf(g.customers()), 4, RoundingMode.HALF_EVEN),
                                2,
                                locale));
    }

    /** "+4.2 pp (95 % CI +1.1 to +7.3 pp)"; parts that cannot be computed say so. */
    static String uplift(Uplift u, double scale, int digits, String unit, ResourceBundle texts, Locale locale) {
        if (u.estimate() == null) return texts.getString("campaign.notEnoughData");
        String interval = u.ci95Low() == null
                ? texts.getString("campaign.notEnoughData")
                : format(
                        texts,
                        "campaign.interval",
                        signed(u.ci95Low() * scale, digits, locale),
                        signed(u.ci95High() * scale, digits, locale) + unit);
        return format(texts, "campaign.uplift", signed(u.estimate() * scale, digits, locale) + unit, interval);
    }

    private static String signed(double value, int digits, Locale locale) {
        String shown = decimal(Math.abs(value), digits, locale);
        boolean zero = decimal(0, digits, locale).equals(shown);
        return (zero ? "±" : value > 0 ? "+" : "−") + shown;
    }

    private static String decimal(Object value, int digits, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        format.setRoundingMode(RoundingMode.HALF_EVEN);
        return format.format(value);
    }

    private static String format(ResourceBundle texts, String key, Object... values) {
        // the words only: every number arrives formatted as a string
        return new MessageFormat(texts.getString(key), Locale.ROOT).format(values);
    }
}
