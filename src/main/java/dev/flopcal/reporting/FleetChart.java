package dev.flopcal.reporting;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.flopcal.core.Precision;
import dev.flopcal.core.Units;
import dev.flopcal.fleet.FleetReport;
import dev.flopcal.fleet.NodeFigure;

/**
 * One precision across a fleet's nodes: each node's achieved rate as a point with its interval as an error bar, in
 * the report's node order; the fleet median as a line and the suspect threshold (median − 3 × 1.4826 × MAD) as a
 * dashed line; suspect nodes in red. Every plotted number comes from the fleet report.
 */
public final class FleetChart {
    private static final Color SUSPECT = new Color(0xC4, 0x30, 0x12);

    private FleetChart() {
    }

    /** File name of a precision's chart, without extension: {@code fleet-PRECISION}. */
    public static String baseName(String precision) {
        return "fleet-" + precision;
    }

    /** The chart of one precision of a fleet report. */
    public static XYChart of(String precision, FleetReport.PrecisionSummary s) {
        List<NodeFigure> figures = s.figures();
        double max = figures.stream().mapToDouble(f -> Math.max(f.high(), f.achieved())).max().orElse(s.max());
        Units.Scale scale = Units.Scale.of(max);
        Precision p = Precision.parse(precision);
        double longest = figures.stream().mapToDouble(f -> ChartStyle.textWidth(f.node())).max().orElse(40);
        // one slot per node, wide enough for its name, which is written under its point
        int width = (int) Math.max(ChartStyle.WIDTH, 200 + figures.size() * Math.max(36, longest + 14));
        XYChart chart = ChartStyle.newChart(width, precision + " GEMM across " + Units.count(figures.size(), "node"),
                "", "achieved (" + scale.prefix() + s.unit() + ")");
        XYStyler styler = chart.getStyler();
        double low = figures.stream().mapToDouble(f -> Math.min(f.low(), f.achieved())).min().orElse(0);
        double cut = s.median() - s.threshold();
        double bottom = Math.max(0, Math.min(low, Math.max(0, cut)) - 0.08 * (max - low + 0.01 * max));
        double top = max + 0.06 * (max - bottom);
        // a band under the points for the node names
        double band = 0.07 * (top - bottom);
        styler.setYAxisMin((bottom - band) / scale.factor());
        styler.setYAxisMax(top / scale.factor());
        styler.setXAxisMin(0.4);
        styler.setXAxisMax(figures.size() + 0.6);
        styler.setXAxisTicksVisible(false);
        styler.setXAxisTitleVisible(false);
        for (int i = 0; i < figures.size(); i++) {
            ChartStyle.annotate(chart, figures.get(i).node(), i + 1, (bottom - band / 2) / scale.factor());
        }
        // every tick labelled: XChart widens the grid step for as long as labels repeat (knowm/XChart#792)
        styler.setyAxisTickLabelsFormattingFunction(Units::plain);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);

        double[] xs = {0.4, figures.size() + 0.6};
        ChartStyle.line(chart, "fleet median " + Units.rate(s.median(), s.unit()), xs,
                new double[] {s.median() / scale.factor(), s.median() / scale.factor()}, ChartStyle.TEXT,
                new BasicStroke(1.6f));
        if (cut > 0) {
            ChartStyle.line(chart, "median − 3 × 1.4826 × MAD = " + Units.rate(cut, s.unit()), xs,
                    new double[] {cut / scale.factor(), cut / scale.factor()}, SUSPECT, ChartStyle.DASHED);
        }
        double[] x = new double[figures.size()], y = new double[figures.size()];
        int suspects = 0;
        for (int i = 0; i < figures.size(); i++) {
            NodeFigure f = figures.get(i);
            x[i] = i + 1;
            y[i] = f.achieved() / scale.factor();
            suspects += f.suspect() ? 1 : 0;
            if (f.high() > f.low()) {
                ChartStyle.verticalLine(chart, "interval " + f.node(), x[i], f.low() / scale.factor(),
                        f.high() / scale.factor(), ChartStyle.translucent(f.suspect() ? SUSPECT : ChartStyle.color(p)),
                        new BasicStroke(2f));
            }
        }
        XYSeries points = chart.addSeries("achieved, with its interval", x, y);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(ChartStyle.color(p));
        if (suspects > 0) {
            double[] sx = new double[suspects], sy = new double[suspects];
            int k = 0;
            for (int i = 0; i < figures.size(); i++) {
                if (figures.get(i).suspect()) {
                    sx[k] = x[i];
                    sy[k++] = y[i];
                }
            }
            XYSeries marked = chart.addSeries("suspect", sx, sy);
            marked.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marked.setMarker(SeriesMarkers.DIAMOND);
            marked.setMarkerColor(SUSPECT);
        }
        return chart;
    }
}
