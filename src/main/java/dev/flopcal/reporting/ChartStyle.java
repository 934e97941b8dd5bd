package dev.flopcal.reporting;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.Map;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.flopcal.core.Precision;

/**
 * The look shared by every chart: size, palette, fonts, strokes, and the kinds of series the charts are drawn from
 * (lines, vertical segments, legend-only entries, text annotations). Charts are drawn headless: this class sets
 * {@code java.awt.headless=true} before AWT initialises unless the property was set explicitly, so it must be the
 * first chart class to touch AWT (its colours and fonts do).
 */
final class ChartStyle {
    static {
        headless();
    }

    /** Width of a chart in SVG units, and in PNG pixels before {@link ChartFiles#PNG_SCALE}. */
    static final int WIDTH = 1100;
    /** Height of a chart, same units as {@link #WIDTH}. */
    static final int HEIGHT = 650;

    static final Color TEXT = new Color(0x22, 0x22, 0x22);
    static final Color NOMINAL_BAR = new Color(0xB8, 0xB8, 0xB8);
    static final Color ACHIEVED_BAR = new Color(0x00, 0x72, 0xB2);
    static final Color SEPARATOR = new Color(0xB0, 0xB0, 0xB0);
    /** Memory levels, fastest (darkest) first; DRAM, the roof that matters most, in red. */
    static final Map<String, Color> LEVEL_COLORS = Map.of("L1", new Color(0x22, 0x22, 0x22),
            "L2", new Color(0x5A, 0x5A, 0x5A), "L3", new Color(0x95, 0x95, 0x95), "DRAM", new Color(0xC4, 0x30, 0x12));
    private static final Color GRID = new Color(0xE3, 0xE3, 0xE3);

    /** Low-confidence fits and FMA ceilings. */
    static final BasicStroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {9f, 6f}, 0f);
    static final String FONT = Font.SANS_SERIF;
    static final Font ANNOTATION_FONT = new Font(FONT, Font.PLAIN, 12);

    private ChartStyle() {
    }

    /** Sets {@code java.awt.headless=true} unless the property was set explicitly; takes effect before AWT starts. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * A new chart {@link #HEIGHT} high in the common look. Building the chart here, not in the chart classes,
     * makes this class (and so the headless setting) initialise before XChart first touches AWT.
     *
     * @param width width in chart units, at least {@link #WIDTH} by convention
     */
    static XYChart newChart(int width, String title, String xAxisTitle, String yAxisTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(HEIGHT).title(title).xAxisTitle(xAxisTitle)
                .yAxisTitle(yAxisTitle).build();
        apply(chart);
        return chart;
    }

    /** The common look: white background, grey grid and borders, sans-serif fonts, no tooltips. */
    private static void apply(XYChart chart) {
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(new Color(0xAA, 0xAA, 0xAA));
        s.setChartFontColor(TEXT);
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 18));
        s.setChartTitleBoxVisible(false);
        s.setChartPadding(16);
        s.setLegendFont(new Font(FONT, Font.PLAIN, 13));
        s.setLegendBorderColor(new Color(0xCC, 0xCC, 0xCC));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 235));
        s.setLegendPadding(10);
        s.setLegendSeriesLineLength(28);
        s.setAnnotationTextFont(ANNOTATION_FONT);
        s.setAnnotationTextFontColor(TEXT);
        s.setMarkerSize(9);
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 12));
        s.setAxisTickLabelsColor(TEXT);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setAxisTickMarksColor(new Color(0xAA, 0xAA, 0xAA));
        s.setPlotMargin(0);
        s.setAxisTitlePadding(10);
    }

    /** A fixed colour per precision (Okabe–Ito palette, safe for colour-blind readers), the same in every chart. */
    static Color color(Precision p) {
        if (p == null) {
            return TEXT;
        }
        return switch (p) {
            case FP64 -> new Color(0x00, 0x72, 0xB2);
            case FP32 -> new Color(0xE6, 0x9F, 0x00);
            case TF32 -> new Color(0x33, 0x22, 0x88);
            case BF16 -> new Color(0x00, 0x9E, 0x73);
            case FP16 -> new Color(0xD5, 0x5E, 0x00);
            case FP8 -> new Color(0xCC, 0x79, 0xA7);
            case INT8 -> new Color(0x56, 0xB4, 0xE9);
        };
    }

    /**
     * The k-th colour of a chart whose series are not precisions (profiles side by side): the Okabe–Ito palette in
     * an order that keeps neighbours apart, repeating after eight.
     */
    static Color seriesColor(int k) {
        return SERIES[Math.floorMod(k, SERIES.length)];
    }

    private static final Color[] SERIES = {new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00),
            new Color(0x00, 0x9E, 0x73), new Color(0xD5, 0x5E, 0x00), new Color(0xCC, 0x79, 0xA7),
            new Color(0x56, 0xB4, 0xE9), new Color(0x00, 0x00, 0x00), new Color(0xF0, 0xE4, 0x42)};

    /** The colour at 55% opacity, for error bars behind the points. */
    static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 140);
    }

    /** A line series without markers, in the legend. */
    static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color, BasicStroke stroke) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        return s;
    }

    /** A vertical segment as its own line series, not in the legend: a bar (thick stroke), an error bar or a separator. */
    static XYSeries verticalLine(XYChart chart, String name, double x, double y0, double y1, Color color,
                                 BasicStroke stroke) {
        XYSeries s = line(chart, name, new double[] {x, x}, new double[] {y0, y1}, color, stroke);
        s.setShowInLegend(false);
        return s;
    }

    /** A series that only shows in the legend: a single point draws no line. */
    static void legendEntry(XYChart chart, String name, Color color, BasicStroke stroke) {
        line(chart, name, new double[] {0}, new double[] {Double.NaN}, color, stroke);
    }

    /** Text centred on a point in data coordinates. */
    static void annotate(XYChart chart, String text, double x, double y) {
        chart.addAnnotation(new AnnotationText(text, x, y, false));
    }

    /** Width of a text in {@link #ANNOTATION_FONT}, in chart units. */
    static double textWidth(String text) {
        return ANNOTATION_FONT.getStringBounds(text, new FontRenderContext(null, true, true)).getWidth();
    }
}
