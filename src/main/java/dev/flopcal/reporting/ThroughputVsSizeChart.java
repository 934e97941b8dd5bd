package dev.flopcal.reporting;

import java.awt.BasicStroke;
import java.awt.Color;
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
import dev.flopcal.fitting.SizeModel;
import dev.flopcal.profiles.PrecisionFits;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.Sample;

/**
 * Throughput against matrix size n (an n×n by n×n product) for each precision a profile measured, at the largest
 * thread count measured for that precision: the samples as points with their error bars (the interval a rerun
 * falls in; cut at zero), and the size curve fitted to them (the model chosen by AICc: Hockney, Hill or plateau),
 * drawn over the measured sizes only (dashed when the fit is marked low-confidence), one colour per precision; or
 * one precision across profiles, one colour per profile
 * ({@link #across}). Every plotted number comes from the profiles.
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
        RateAxis axis = RateAxis.linear(max);
        Set<Integer> threadCounts = new TreeSet<>();
        drawn.forEach(p -> threadCounts.add(largestThreads(profile.precisions().get(p.id()).samples())));
        boolean oneThreadCount = threadCounts.size() == 1;
        XYChart chart = axes("GEMM throughput vs size — " + profile.device().name()
                + (oneThreadCount ? ", " + threads(threadCounts.iterator().next()) : ""), axis,
                drawn.stream().anyMatch(Precision::isInteger), minN, maxN);
        for (int k = 0; k < drawn.size(); k++) {
            Precision p = drawn.get(k);
            PrecisionProfile pp = profile.precisions().get(p.id());
            int threads = largestThreads(pp.samples());
            draw(chart, p.id(), oneThreadCount ? "" : " (" + threads(threads) + ")", ChartStyle.color(p), p,
                    atLargestThreads(pp.samples()), sizeCurve(pp, threads), axis, dodge(k, drawn.size()));
        }
        return Optional.of(chart);
    }

    /** File name of the chart of one precision across profiles, without extension: {@code throughput-vs-size-fp64-by-profile}. */
    public static String acrossBaseName(Precision precision) {
        return "throughput-vs-size-" + precision.id() + "-by-profile";
    }

    /**
     * One precision across profiles, side by side: each profile's samples at its largest thread count, with error
     * bars and its fitted curve, in a colour of its own, labelled by profile id (a fitted series' id ends in its
     * value, e.g. {@code ojlab-ojalgo}). The size axis is as in {@link #of(Profile, Collection)}; the rate axis is
     * logarithmic over whole decades where the rates span more than a factor of ten (libraries, or a laptop and a
     * server, often differ more), otherwise linear from zero.
     *
     * @return empty when fewer than two of the profiles have samples of the precision
     */
    public static Optional<XYChart> across(List<Profile> profiles, Precision precision) {
        List<Profile> drawn = profiles.stream().filter(p -> hasSamples(p, precision)).toList();
        if (drawn.size() < 2) {
            return Optional.empty();
        }
        double max = 0, min = Double.POSITIVE_INFINITY;
        int minN = Integer.MAX_VALUE, maxN = 0;
        Set<Integer> threadCounts = new TreeSet<>();
        for (Profile p : drawn) {
            List<Sample> samples = p.precisions().get(precision.id()).samples();
            threadCounts.add(largestThreads(samples));
            for (Sample s : atLargestThreads(samples)) {
                max = Math.max(max, s.flops() + (s.error() == null ? 0 : s.error()));
                min = Math.min(min, s.flops());
                minN = Math.min(minN, s.n());
                maxN = Math.max(maxN, s.n());
            }
        }
        boolean oneThreadCount = threadCounts.size() == 1;
        RateAxis axis = max > 10 * min && min > 0 ? RateAxis.log(min, max) : RateAxis.linear(max);
        XYChart chart = axes("GEMM " + precision.id() + " throughput vs size by profile"
                + (oneThreadCount ? ", " + threads(threadCounts.iterator().next()) : ""), axis, precision.isInteger(),
                minN, maxN);
        for (int k = 0; k < drawn.size(); k++) {
            Profile p = drawn.get(k);
            PrecisionProfile pp = p.precisions().get(precision.id());
            int threads = largestThreads(pp.samples());
            draw(chart, p.id(), oneThreadCount ? "" : " (" + threads(threads) + ")", ChartStyle.seriesColor(k),
                    precision, atLargestThreads(pp.samples()), sizeCurve(pp, threads), axis, dodge(k, drawn.size()));
        }
        return Optional.of(chart);
    }

    private static boolean hasSamples(Profile p, Precision precision) {
        PrecisionProfile pp = p.precisions().get(precision.id());
        return pp != null && pp.samples() != null && !pp.samples().isEmpty();
    }

    /**
     * How rates map onto the vertical axis: linear from zero in one SI prefix, or the base-10 logarithm over whole
     * decades (see {@link LogAxis}).
     *
     * @param log   true for a logarithmic axis
     * @param scale the SI prefix of a linear axis
     * @param min   the bottom of the axis, in plotted units
     * @param max   the top of the axis, in plotted units
     */
    private record RateAxis(boolean log, Units.Scale scale, double min, double max) {
        static RateAxis linear(double maxRate) {
            Units.Scale scale = Units.Scale.of(maxRate);
            return new RateAxis(false, scale, 0, maxRate / scale.factor() * 1.06);
        }

        static RateAxis log(double minRate, double maxRate) {
            return new RateAxis(true, null, Math.floor(Math.log10(minRate)), Math.log10(maxRate) + 0.08);
        }

        /** A rate in plotted units. */
        double y(double rate) {
            return log ? Math.log10(rate) : rate / scale.factor();
        }

        /** The foot of an error bar, cut at the bottom of the axis. */
        double foot(double rate) {
            return rate > 0 ? Math.max(min, y(rate)) : min;
        }

        String title(boolean anyInteger) {
            return log ? "throughput (FLOP/s" + (anyInteger ? "; op/s for int8" : "") + "), log scale"
                    : "throughput (" + scale.prefix() + "FLOP/s" + (anyInteger ? "; " + scale.prefix() + "op/s for int8" : "") + ")";
        }
    }

    /** Log-2 size axis over the measured sizes, the rate axis as given, legend on the right. */
    private static XYChart axes(String title, RateAxis axis, boolean anyInteger, int minN, int maxN) {
        XYChart chart = ChartStyle.newChart(ChartStyle.WIDTH, title, "matrix size n (n×n · n×n product), log scale",
                axis.title(anyInteger));
        XYStyler styler = chart.getStyler();
        styler.setYAxisMin(axis.min());
        styler.setYAxisMax(axis.max());
        double xMin = LogAxis.log2(minN) - 0.35, xMax = LogAxis.log2(maxN) + 0.35;
        styler.setXAxisMin(xMin);
        styler.setXAxisMax(xMax);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setxAxisTickLabelsFormattingFunction(LogAxis.ticks(xMin, xMax, t -> String.format(Locale.ROOT, "%.0f", Math.pow(2, t))));
        if (axis.log()) {
            styler.setyAxisTickLabelsFormattingFunction(LogAxis.ticks(axis.min(), axis.max(), t -> Units.si(Math.pow(10, t))));
        } else {
            styler.setyAxisTickLabelsFormattingFunction(Units::plain);
        }
        return chart;
    }

    /** Series k of {@code count} set 0.05 of a doubling apart (3.5% in n), within ±0.11 of the true size (±8% in n). */
    private static double dodge(int k, int count) {
        double spread = Math.min(0.22, 0.05 * (count - 1));
        return count == 1 ? 0 : spread * ((double) k / (count - 1) - 0.5);
    }

    /**
     * One series: the samples as points ("NAME measured"), their error bars, and the fitted curve over the measured
     * sizes ("NAME fit: ..."), dashed when low-confidence; {@code suffix} follows the name in the legend.
     */
    private static void draw(XYChart chart, String name, String suffix, Color color, Precision p, List<Sample> points,
                             Optional<PrecisionFits.CurveFit> fit, RateAxis axis, double dodge) {
        double[] x = points.stream().mapToDouble(s -> LogAxis.log2(s.n()) + dodge).toArray();
        double[] y = points.stream().mapToDouble(s -> axis.y(s.flops())).toArray();
        XYSeries measured = chart.addSeries(name + " measured" + suffix, x, y);
        measured.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        measured.setMarker(SeriesMarkers.CIRCLE);
        measured.setMarkerColor(color);
        for (int i = 0; i < points.size(); i++) {
            Sample s = points.get(i);
            if (s.error() != null && s.error() > 0) {
                ChartStyle.verticalLine(chart, name + " error n=" + s.n(), x[i], axis.foot(s.flops() - s.error()),
                        axis.y(s.flops() + s.error()), ChartStyle.translucent(color), new BasicStroke(2f));
            }
        }
        Optional<SizeModel> model = fit.flatMap(f -> SizeModel.byId(f.model()));
        Optional<double[]> params = fit.flatMap(ThroughputVsSizeChart::parameters);
        if (model.isPresent() && params.isPresent()) {
            double first = points.get(0).n(), last = points.get(points.size() - 1).n();
            // few enough segments that the dash pattern of a low-confidence fit shows: XChart restarts it per segment
            int steps = 20;
            double[] cx = new double[steps + 1], cy = new double[steps + 1];
            for (int i = 0; i <= steps; i++) {
                double n = first * Math.pow(last / first, (double) i / steps);
                cx[i] = LogAxis.log2(n);
                cy[i] = axis.y(model.get().value(n, params.get()));
            }
            PrecisionFits.CurveFit f = fit.get();
            // the curve's value at the largest size: its sustained rate (older profiles record none)
            double top = f.sustained() == null || f.sustained().value() == null
                    ? model.get().value(last, params.get()) : f.sustained().value();
            ChartStyle.line(chart, String.format(Locale.ROOT, "%s fit (%s): %s at n=%d%s", name, f.model(),
                    Units.rate(top, p.rateUnit()), (int) last, f.lowConfidence() ? " (low confidence)" : ""), cx, cy,
                    color, f.lowConfidence() ? ChartStyle.DASHED : new BasicStroke(2.5f));
        }
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
            if (fit.isEmpty() || parameters(fit.get()).isEmpty()) {
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
                .filter(f -> f.threads() != null && f.threads() == threads && SizeModel.byId(f.model()).isPresent())
                .findFirst();
    }

    /** The parameters of a size curve in its model's order, empty when it was not fitted. */
    private static Optional<double[]> parameters(PrecisionFits.CurveFit f) {
        Optional<SizeModel> model = SizeModel.byId(f.model());
        if (f.parameters() == null || model.isEmpty()) {
            return Optional.empty();
        }
        double[] values = new double[model.get().parameters().size()];
        for (int i = 0; i < values.length; i++) {
            Quantity q = f.parameters().get(model.get().parameters().get(i));
            if (q == null || q.value() == null) {
                return Optional.empty();
            }
            values[i] = q.value();
        }
        return Optional.of(values);
    }

    private static String threads(int n) {
        return Units.count(n, "thread");
    }
}
