package dev.rfm.reports.pdf;

import java.awt.Color;
import java.util.Map;
import net.sf.jasperreports.charts.JRAbstractChartCustomizer;
import net.sf.jasperreports.charts.JRChart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.CategoryDataset;

/**
 * Paints every segment of a report chart in its {@link dev.rfm.domain.snapshot.SegmentColours colour}, the one the
 * dashboard uses, so that "At Risk" looks the same on paper. The report passes the colours by segment name in
 * parameter {@value #PARAMETER}; a chart's keys (pie) or series (bars) are those names.
 */
public class SegmentColourCustomizer extends JRAbstractChartCustomizer {

    static final String PARAMETER = "SEGMENT_COLOURS";

    @Override
    @SuppressWarnings("unchecked")
    public void customize(JFreeChart chart, JRChart jasperChart) {
        Map<String, String> colours = (Map<String, String>) getParameterValue(PARAMETER);
        if (colours == null) return;
        if (chart.getPlot() instanceof PiePlot<?> pie) {
            colours.forEach((name, hex) -> pie.setSectionPaint(name, Color.decode(hex)));
            pie.setSectionOutlinesVisible(false);
            pie.setShadowPaint(null);
        } else if (chart.getPlot() instanceof CategoryPlot plot) {
            CategoryDataset data = plot.getDataset();
            if (data == null) return; // a run without segments: an empty chart
            if (plot.getRenderer() instanceof BarRenderer bars) {
                bars.setBarPainter(new StandardBarPainter()); // flat, as on the dashboard
                bars.setShadowVisible(false);
            }
            for (int row = 0; row < data.getRowCount(); row++) {
                String hex = colours.get(String.valueOf(data.getRowKey(row)));
                if (hex != null) plot.getRenderer().setSeriesPaint(row, Color.decode(hex));
            }
        }
    }
}
