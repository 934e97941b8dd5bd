package dev.flopcal.reporting;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.core.Units;
import dev.flopcal.fitting.Hockney;
import dev.flopcal.profiles.PrecisionFits;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.Sample;

/**
 * Throughput against matrix size n (an n×n by n×n product) for each precision a profile measured, at the largest
 * thread count measured for that precision: the samples as points with their 99.9% JMH error bars (cut at zero),
 * and the Hockney curve r(n) = r∞·n/(n + n½) fitted to them, drawn over the measured sizes (dashed when the fit is
 * marked low-confidence), one colour per precision. Every plotted number comes from the profile.
 */
public final class ThroughputVsSizeChart {
    private ThroughputVsSizeChart() {
    }

    /** File name of the chart of a profile, without extension: {@code throughput-vs-size-ID}. */
    public static String baseName(Profile profile) {
        return "throughput-vs-size-" + profile.id();
    }

    /**
     * The chart of a profile. The size axis is logarithmic, as sizes double from step to step; points of different
     * precisions at one size are set slightly apart (within ±8% in n) so that their error bars stay readable. Rates
     * are scaled to one SI prefix, named in the axis title.
     *
     * @param precisions the precisions to draw, where the profile has samples of them
     * @return empty when the profile has no samples in {@code precisions}
     */
    public static Optional<XYChart> of(Profile profile, Collection<Precision> precisions) {
        List<Precision> drawn = new ArrayList<>();
        double max = 0;
        int minN = Integer.MAX_VALUE, maxN = 0;
        for (Precision p : precisions.stream().sorted().toList()) {
            PrecisionProfile pp = profile.precisions().get(p.id());
            if (pp != null && pp.samples() != null && !pp.samples().isEmpty()) {
                drawn.add(p);
                for (Sample s : atLargestThreads(pp.samples())) {
                    max = Math.max(max, s.flops() + (s.error() == null ? 0 : s.error()));
                    minN = Math.min(minN, s.n());
                    maxN = Math.max(maxN, s.n());
                }
            }
        }
        if (drawn.isEmpty()) {
            return Optional.empty();
        }
        Units.Scale scale = Units.Scale.of(max);
        Set<Integer> threadCounts = new TreeSet<>();
        drawn.forEach(p -> threadCounts.add(largestThreads(profile.precisions().get(p.id()).samples())));
        boolean oneThreadCount = threadCounts.size() == 1;
        boolean anyInteger = drawn.stream().anyMatch(Precision::isInteger);
        XYChart chart = ChartStyle.newChart(ChartStyle.WIDTH, "GEMM throughput vs size — " + profile.device().name()
                        + (oneThreadCount ? ", " + threads(threadCounts.iterator().next()) : ""),
                "matrix size n (n×n · n×n product), log scale",
                "throughput (" + scale.prefix() + "FLOP/s" + (anyInteger ? "; " + scale.prefix() + "op/s for int8" : "") + ")");
        XYStyler styler = chart.getStyler();
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(max / scale.factor() * 1.06);
        double xMin = LogAxis.log2(minN) - 0.35, xMax = LogAxis.log2(maxN) + 0.35;
        styler.setXAxisMin(xMin);
        styler.setXAxisMax(xMax);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setxAxisTickLabelsFormattingFunction(LogAxis.ticks(xMin, xMax, t -> String.format(Locale.ROOT, "%.0f", Math.pow(2, t))));
        styler.setyAxisTickLabelsFormattingFunction(Units::plain);
        for (int k = 0; k < drawn.size(); k++) {
            Precision p = drawn.get(k);
            // 0.05 of a doubling apart (3.5% in n), within ±0.11 of the true size (±8% in n)
            double spread = Math.min(0.22, 0.05 * (drawn.size() - 1));
            double dodge = drawn.size() == 1 ? 0 : spread * ((double) k / (drawn.size() - 1) - 0.5);
            PrecisionProfile pp = profile.precisions().get(p.id());
            int threads = largestThreads(pp.samples());
            List<Sample> points = atLargestThreads(pp.samples());
            double[] x = points.stream().mapToDouble(s -> LogAxis.log2(s.n()) + dodge).toArray();
            double[] y = points.stream().mapToDouble(s -> s.flops() / scale.factor()).toArray();
            XYSeries measured = chart.addSeries(p.id() + " measured" + (oneThreadCount ? "" : " (" + threads(threads) + ")"), x, y);
            measured.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            measured.setMarker(SeriesMarkers.CIRCLE);
            measured.setMarkerColor(ChartStyle.color(p));
            for (int i = 0; i < points.size(); i++) {
                Sample s = points.get(i);
                if (s.error() != null && s.error() > 0) {
                    ChartStyle.verticalLine(chart, p.id() + " error n=" + s.n(), x[i], Math.max(0, s.flops() - s.error()) / scale.factor(),
                            (s.flops() + s.error()) / scale.factor(), ChartStyle.translucent(ChartStyle.color(p)), new BasicStroke(2f));
                }
            }
            Optional<PrecisionFits.CurveFit> fit = sizeCurve(pp, threads);
            Optional<double[]> params = fit.flatMap(ThroughputVsSizeChart::hockney);
            if (params.isPresent()) {
                double rInf = params.get()[0], nHalf = params.get()[1];
                double first = points.get(0).n(), last = points.get(points.size() - 1).n();
                // few enough segments that the dash pattern of a low-confidence fit shows: XChart restarts it per segment
                int steps = 20;
                double[] cx = new double[steps + 1], cy = new double[steps + 1];
                for (int i = 0; i <= steps; i++) {
                    double n = first * Math.pow(last / first, (double) i / steps);
                    cx[i] = LogAxis.log2(n);
                    cy[i] = Hockney.rate(n, rInf, nHalf) / scale.factor();
                }
                ChartStyle.line(chart, String.format(Locale.ROOT, "%s fit: r∞ %s, n½ %.0f%s", p.id(),
                        Units.rate(rInf, p.rateUnit()), nHalf, fit.get().lowConfidence() ? " (low confidence)" : ""), cx, cy,
                        ChartStyle.color(p), fit.get().lowConfidence() ? ChartStyle.DASHED : new BasicStroke(2.5f));
            }
        }
        return Optional.of(chart);
    }

    /**
     * Why a precision with samples gets no fitted curve on the chart, one note each (e.g. the fit did not converge);
     * empty when every drawn precision has its curve.
     */
    static List<String> missingFits(Profile p, Collection<Precision> precisions) {
        List<String> notes = new ArrayList<>();
        for (Precision precision : precisions) {
            PrecisionProfile pp = p.precisions().get(precision.id());
            if (pp == null || pp.samples() == null || pp.samples().isEmpty()) {
                continue;
            }
            int threads = largestThreads(pp.samples());
            Optional<PrecisionFits.CurveFit> fit = sizeCurve(pp, threads);
            if (fit.isEmpty() || hockney(fit.get()).isEmpty()) {
                notes.add(p.id() + " " + precision + ": no fitted size curve at " + threads + " threads"
                        + fit.map(f -> f.reason() == null ? "" : " (" + f.reason() + ")").orElse("") + "; samples only");
            }
        }
        return notes;
    }

    private static int largestThreads(List<Sample> samples) {
        return samples.stream().mapToInt(Sample::threads).max().orElse(1);
    }

    private static List<Sample> atLargestThreads(List<Sample> samples) {
        int threads = largestThreads(samples);
        return samples.stream().filter(s -> s.threads() == threads).sorted(Comparator.comparingInt(Sample::n)).toList();
    }

    private static Optional<PrecisionFits.CurveFit> sizeCurve(PrecisionProfile pp, int threads) {
        if (pp.fits() == null || pp.fits().sizeCurves() == null) {
            return Optional.empty();
        }
        return pp.fits().sizeCurves().stream()
                .filter(f -> f.threads() != null && f.threads() == threads && "hockney".equals(f.model())).findFirst();
    }

    /** {rInf, nHalf} of a Hockney fit, empty when it was not fitted. */
    private static Optional<double[]> hockney(PrecisionFits.CurveFit f) {
        if (f.parameters() == null) {
            return Optional.empty();
        }
        Quantity rInf = f.parameters().get("rInf"), nHalf = f.parameters().get("nHalf");
        if (rInf == null || nHalf == null || rInf.value() == null || nHalf.value() == null) {
            return Optional.empty();
        }
        return Optional.of(new double[] {rInf.value(), nHalf.value()});
    }

    private static String threads(int n) {
        return Units.count(n, "thread");
    }
}
