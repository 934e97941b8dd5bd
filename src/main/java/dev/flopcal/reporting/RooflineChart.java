package dev.flopcal.reporting;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.flopcal.core.Precision;
import dev.flopcal.core.Units;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.Roofline;

/**
 * The roofline of a measured profile at the thread count of its ceilings: attainable FLOP/s against arithmetic
 * intensity (FLOP per byte moved), both axes logarithmic. One line per memory level, min(top FMA ceiling,
 * bandwidth × intensity), for each bandwidth plateau the sweep found (L1 to DRAM); one dashed horizontal line per
 * measured FMA ceiling (fp64, fp32); the ridge points the profile records (where each ceiling meets the DRAM roof)
 * marked and labelled; and each precision's measured GEMM rates at their arithmetic intensity, so a reader sees how
 * far each sits below its roof. Every plotted number comes from the profile.
 */
public final class RooflineChart {
    private RooflineChart() {
    }

    /** File name of the chart of a profile, without extension: {@code roofline-ID}. */
    public static String baseName(Profile profile) {
        return "roofline-" + profile.id();
    }

    /**
     * The chart of a profile.
     *
     * @return empty when the profile has no roofline, or one without bandwidth plateaus or compute ceilings
     */
    public static Optional<XYChart> of(Profile profile) {
        Roofline r = profile.roofline();
        if (r == null || r.memory() == null || r.compute() == null) {
            return Optional.empty();
        }
        List<Map.Entry<String, Double>> ceilings = new ArrayList<>();
        r.compute().forEach((k, v) -> {
            if (v != null && LogAxis.plottable(v.value())) {
                ceilings.add(Map.entry(k, v.value()));
            }
        });
        List<Map.Entry<String, Double>> levels = new ArrayList<>();
        for (Roofline.MemoryLevel l : r.memory()) {
            if (l.bytesPerSecond() != null && LogAxis.plottable(l.bytesPerSecond().value())) {
                levels.add(Map.entry(l.level(), l.bytesPerSecond().value()));
            }
        }
        if (ceilings.isEmpty() || levels.isEmpty()) {
            return Optional.empty();
        }
        ceilings.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        double top = ceilings.get(0).getValue();
        double lowest = ceilings.get(ceilings.size() - 1).getValue();
        double fastest = levels.stream().mapToDouble(Map.Entry::getValue).max().orElseThrow();
        double slowest = levels.stream().mapToDouble(Map.Entry::getValue).min().orElseThrow();
        Units.Scale scale = Units.Scale.of(top);
        // intensity from well left of the earliest ridge to well right of the latest, in whole decades
        double xMin = Math.floor(Math.log10(lowest / fastest) - 0.7);
        double xMax = Math.ceil(Math.max(Math.log10(top / slowest) + 0.7, Math.log10(gemmExtent(r, true)) + 0.2));
        double yMin = Math.floor(Math.min(Math.log10(slowest * Math.pow(10, xMin) / scale.factor()),
                Math.log10(gemmExtent(r, false) / scale.factor())));
        double yMax = Math.log10(top / scale.factor()) + 0.45;

        XYChart chart = ChartStyle.newChart(ChartStyle.WIDTH, "Roofline — " + profile.device().name() + ", "
                        + Units.count(r.threads(), "thread"),
                "arithmetic intensity (FLOP per byte moved), log scale",
                "attainable throughput (" + scale.prefix() + "FLOP/s), log scale");
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(xMin);
        styler.setXAxisMax(xMax);
        styler.setYAxisMin(yMin);
        styler.setYAxisMax(yMax);
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setxAxisTickLabelsFormattingFunction(LogAxis.ticks(xMin, xMax, t -> Units.plain(Math.pow(10, t))));
        styler.setyAxisTickLabelsFormattingFunction(LogAxis.ticks(yMin, yMax, t -> Units.plain(Math.pow(10, t))));

        double logTop = Math.log10(top / scale.factor());
        for (Map.Entry<String, Double> level : levels) {
            double logBw = Math.log10(level.getValue() / scale.factor());
            double corner = logTop - logBw;
            double[] x = corner < xMax ? new double[] {xMin, corner, xMax} : new double[] {xMin, xMax};
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.min(logTop, logBw + x[i]);
            }
            ChartStyle.line(chart, level.getKey() + " " + Units.rate(level.getValue(), "B/s"), x, y,
                    ChartStyle.LEVEL_COLORS.getOrDefault(level.getKey(), ChartStyle.TEXT),
                    new BasicStroke("DRAM".equals(level.getKey()) ? 3.2f : 2.2f));
        }
        for (Map.Entry<String, Double> c : ceilings) {
            double v = Math.log10(c.getValue() / scale.factor());
            ChartStyle.line(chart, c.getKey() + " FMA ceiling " + Units.rate(c.getValue(), "FLOP/s"),
                    new double[] {xMin, xMax}, new double[] {v, v}, ChartStyle.color(precisionOrNull(c.getKey())),
                    ChartStyle.DASHED);
        }
        if (r.ridge() != null) {
            List<Double> rx = new ArrayList<>(), ry = new ArrayList<>();
            for (Map.Entry<String, Double> c : ceilings) {
                Double ridge = r.ridge().get(c.getKey());
                if (LogAxis.plottable(ridge)) {
                    double x = Math.log10(ridge), y = Math.log10(c.getValue() / scale.factor());
                    rx.add(x);
                    ry.add(y);
                    String text = String.format(Locale.ROOT, "%s ridge: %s FLOP/B", c.getKey(), Units.plain(ridge));
                    // left edge just right of the point, under the ceiling line: the DRAM roof runs up to the left
                    double plotUnitsPerPx = (xMax - xMin) / (ChartStyle.WIDTH - 140.0);
                    ChartStyle.annotate(chart, text, x + (ChartStyle.textWidth(text) / 2 + 10) * plotUnitsPerPx,
                            y - 0.045 * (yMax - yMin));
                }
            }
            if (!rx.isEmpty()) {
                XYSeries s = chart.addSeries("ridge point: ceiling ÷ DRAM bandwidth", rx, ry);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.DIAMOND);
                s.setMarkerColor(ChartStyle.LEVEL_COLORS.get("DRAM"));
            }
        }
        if (r.gemm() != null) {
            r.gemm().forEach((precision, points) -> {
                List<Double> gx = new ArrayList<>(), gy = new ArrayList<>();
                for (Roofline.GemmPoint g : points) {
                    if (LogAxis.plottable(g.intensity()) && LogAxis.plottable(g.flops())) {
                        gx.add(Math.log10(g.intensity()));
                        gy.add(Math.log10(g.flops() / scale.factor()));
                    }
                }
                if (!gx.isEmpty()) {
                    XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s GEMM, n = %d to %d (%.0f–%.0f%% of roof)",
                            precision, points.get(0).n(), points.get(points.size() - 1).n(),
                            100 * points.stream().mapToDouble(Roofline.GemmPoint::ofRoof).min().orElse(0),
                            100 * points.stream().mapToDouble(Roofline.GemmPoint::ofRoof).max().orElse(0)), gx, gy);
                    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    s.setMarker(SeriesMarkers.CIRCLE);
                    s.setMarkerColor(ChartStyle.color(precisionOrNull(precision)));
                }
            });
        }
        return Optional.of(chart);
    }

    /** The largest intensity (largest = true) or the smallest rate (false) among the GEMM points; 1 without any. */
    private static double gemmExtent(Roofline r, boolean largest) {
        if (r.gemm() == null) {
            return largest ? 1 : Double.MAX_VALUE;
        }
        return r.gemm().values().stream().flatMap(List::stream)
                .mapToDouble(g -> largest ? g.intensity() : g.flops()).filter(LogAxis::plottable)
                .reduce(largest ? Math::max : Math::min).orElse(largest ? 1 : Double.MAX_VALUE);
    }

    private static Precision precisionOrNull(String id) {
        try {
            return Precision.parse(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
