package dev.flopcal.reporting;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleFunction;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.core.Units;
import dev.flopcal.fitting.Hockney;
import dev.flopcal.profiles.FigureStatus;
import dev.flopcal.profiles.PrecisionFits;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.Roofline;
import dev.flopcal.profiles.Sample;

/**
 * Charts of profiles, drawn with XChart and rendered as PNG (at {@link #PNG_SCALE}× the nominal size, for
 * high-density screens) and SVG:
 * <ul>
 *   <li>{@link #throughputVsSize throughput against matrix size} of a measured profile: the samples with their JMH
 *       error bars and the fitted Hockney curve, one colour per precision, at the largest thread count;</li>
 *   <li>{@link #achievedVsNominal achieved against nominal} across devices: paired bars on a logarithmic axis
 *       (CPUs and accelerators differ a thousandfold), "nominal only" entries showing the nominal bar alone;</li>
 *   <li>the {@link #roofline roofline} of a measured profile: attainable FLOP/s against arithmetic intensity for
 *       each memory level's bandwidth plateau and each measured FMA ceiling, ridge points marked.</li>
 * </ul>
 * Every plotted number comes from the profile. Logarithmic axes are drawn by plotting the logarithm on a linear
 * axis and labelling whole powers (XChart 3.8.8 misplaces tick labels on its own logarithmic axes once a label
 * format is set, and cannot draw bars on them). Charts are drawn headless: this class sets
 * {@code java.awt.headless=true} before AWT initialises unless the property was set explicitly.
 */
public final class Charts {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Width of a chart in SVG units, and in PNG pixels before {@link #PNG_SCALE}. */
    public static final int WIDTH = 1100;
    /** Height of a chart, same units as {@link #WIDTH}. */
    public static final int HEIGHT = 650;
    /** PNG pixels per chart unit. */
    public static final int PNG_SCALE = 2;
    /** Base name of the achieved-against-nominal chart. */
    public static final String ACHIEVED_VS_NOMINAL = "achieved-vs-nominal";

    private static final Color GRID = new Color(0xE3, 0xE3, 0xE3);
    private static final Color TEXT = new Color(0x22, 0x22, 0x22);
    private static final Color NOMINAL_BAR = new Color(0xB8, 0xB8, 0xB8);
    private static final Color ACHIEVED_BAR = new Color(0x00, 0x72, 0xB2);
    /** Memory levels, fastest (darkest) first; DRAM, the roof that matters most, in red. */
    private static final Map<String, Color> LEVEL_COLORS = Map.of("L1", new Color(0x22, 0x22, 0x22),
            "L2", new Color(0x5A, 0x5A, 0x5A), "L3", new Color(0x95, 0x95, 0x95), "DRAM", new Color(0xC4, 0x30, 0x12));
    private static final BasicStroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {9f, 6f}, 0f);
    private static final String FONT = Font.SANS_SERIF;
    private static final Font ANNOTATION_FONT = new Font(FONT, Font.PLAIN, 12);

    private Charts() {
    }

    /**
     * Charts rendered in memory, and what could not be drawn.
     *
     * @param files PNG and SVG of each chart, in the order drawn
     * @param notes why a chart or a fitted curve is missing, e.g. a measured profile without a roofline; empty
     *              when everything was drawn
     */
    public record Rendered(List<OutputFile> files, List<String> notes) {
        public Rendered {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Every chart for a set of profiles: throughput against size ({@code throughput-vs-size-ID}) and the roofline
     * ({@code roofline-ID}) of each measured profile, and one {@value #ACHIEVED_VS_NOMINAL} chart across all of
     * them, each as .png and .svg. Nothing is written; see {@link OutputFile#writeAll}.
     *
     * @param precisions the precisions to draw; empty for all the profiles have
     * @throws InvalidInputException when no selected precision has a nominal or achieved figure to chart
     */
    public static Rendered render(List<Profile> profiles, Collection<Precision> precisions) {
        Set<Precision> keep = precisions.isEmpty() ? Comparison.presentIn(profiles) : EnumSet.copyOf(precisions);
        List<OutputFile> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Profile p : profiles) {
            Optional<XYChart> size = throughputVsSize(p, keep);
            if (size.isPresent()) {
                files.addAll(encode(size.get(), "throughput-vs-size-" + p.id()));
                notes.addAll(missingFits(p, keep));
            } else if (isMeasured(p)) {
                notes.add(p.id() + ": no GEMM samples in " + names(keep) + "; no throughput-vs-size chart");
            }
            Optional<XYChart> roof = roofline(p);
            if (roof.isPresent()) {
                files.addAll(encode(roof.get(), "roofline-" + p.id()));
            } else if (isMeasured(p)) {
                notes.add(p.id() + ": the profile has no roofline (bandwidth plateaus and FMA ceilings); no roofline chart");
            }
        }
        files.addAll(encode(achievedVsNominal(profiles, keep), ACHIEVED_VS_NOMINAL));
        return new Rendered(files, notes);
    }

    private static boolean isMeasured(Profile p) {
        return p.precisions().values().stream().anyMatch(pp -> pp.status() == FigureStatus.MEASURED);
    }

    private static List<String> missingFits(Profile p, Set<Precision> keep) {
        List<String> notes = new ArrayList<>();
        for (Precision precision : keep) {
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

    // ---------------------------------------------------------------- throughput against size

    /**
     * Throughput against matrix size n (an n×n by n×n product) for each precision the profile measured, at the
     * largest thread count measured for that precision: the samples as points with their 99.9% JMH error bars
     * (cut at zero), and the Hockney curve r(n) = r∞·n/(n + n½) fitted to them, drawn over the measured sizes
     * (dashed when the fit is marked low-confidence). The size axis is logarithmic, as sizes double from step to
     * step; points of different precisions at one size are set slightly apart (within ±8% in n) so that their error
     * bars stay readable. Rates are scaled to one SI prefix, named in the axis title.
     *
     * @return empty when the profile has no samples in {@code precisions}
     */
    public static Optional<XYChart> throughputVsSize(Profile profile, Collection<Precision> precisions) {
        List<Precision> drawn = new ArrayList<>();
        double max = 0;
        int minN = Integer.MAX_VALUE, maxN = 0;
        for (Precision p : sorted(precisions)) {
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
        Scale scale = Scale.of(max);
        Set<Integer> threadCounts = new TreeSet<>();
        drawn.forEach(p -> threadCounts.add(largestThreads(profile.precisions().get(p.id()).samples())));
        boolean oneThreadCount = threadCounts.size() == 1;
        boolean anyInteger = drawn.stream().anyMatch(Precision::isInteger);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("GEMM throughput vs size — " + profile.device().name()
                        + (oneThreadCount ? ", " + threads(threadCounts.iterator().next()) : ""))
                .xAxisTitle("matrix size n (n×n · n×n product), log scale")
                .yAxisTitle("throughput (" + scale.prefix() + "FLOP/s" + (anyInteger ? "; " + scale.prefix() + "op/s for int8" : "") + ")")
                .build();
        style(chart);
        XYStyler styler = chart.getStyler();
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(max / scale.factor() * 1.06);
        double xMin = log2(minN) - 0.35, xMax = log2(maxN) + 0.35;
        styler.setXAxisMin(xMin);
        styler.setXAxisMax(xMax);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setxAxisTickLabelsFormattingFunction(logTicks(xMin, xMax, t -> String.format(Locale.ROOT, "%.0f", Math.pow(2, t))));
        styler.setyAxisTickLabelsFormattingFunction(Charts::plain);
        for (int k = 0; k < drawn.size(); k++) {
            Precision p = drawn.get(k);
            // 0.05 of a doubling apart (3.5% in n), within ±0.11 of the true size (±8% in n)
            double spread = Math.min(0.22, 0.05 * (drawn.size() - 1));
            double dodge = drawn.size() == 1 ? 0 : spread * ((double) k / (drawn.size() - 1) - 0.5);
            PrecisionProfile pp = profile.precisions().get(p.id());
            int threads = largestThreads(pp.samples());
            List<Sample> points = atLargestThreads(pp.samples());
            double[] x = points.stream().mapToDouble(s -> log2(s.n()) + dodge).toArray();
            double[] y = points.stream().mapToDouble(s -> s.flops() / scale.factor()).toArray();
            XYSeries measured = chart.addSeries(p.id() + " measured" + (oneThreadCount ? "" : " (" + threads(threads) + ")"), x, y);
            measured.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            measured.setMarker(SeriesMarkers.CIRCLE);
            measured.setMarkerColor(color(p));
            for (int i = 0; i < points.size(); i++) {
                Sample s = points.get(i);
                if (s.error() != null && s.error() > 0) {
                    verticalLine(chart, p.id() + " error n=" + s.n(), x[i], Math.max(0, s.flops() - s.error()) / scale.factor(),
                            (s.flops() + s.error()) / scale.factor(), translucent(color(p)), new BasicStroke(2f));
                }
            }
            Optional<PrecisionFits.CurveFit> fit = sizeCurve(pp, threads);
            Optional<double[]> params = fit.flatMap(Charts::hockney);
            if (params.isPresent()) {
                double rInf = params.get()[0], nHalf = params.get()[1];
                double first = points.get(0).n(), last = points.get(points.size() - 1).n();
                // few enough segments that the dash pattern of a low-confidence fit shows: XChart restarts it per segment
                int steps = 20;
                double[] cx = new double[steps + 1], cy = new double[steps + 1];
                for (int i = 0; i <= steps; i++) {
                    double n = first * Math.pow(last / first, (double) i / steps);
                    cx[i] = log2(n);
                    cy[i] = Hockney.rate(n, rInf, nHalf) / scale.factor();
                }
                XYSeries curve = chart.addSeries(String.format(Locale.ROOT, "%s fit: r∞ %s, n½ %.0f%s", p.id(),
                        Units.rate(rInf, p.rateUnit()), nHalf, fit.get().lowConfidence() ? " (low confidence)" : ""), cx, cy);
                curve.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                curve.setMarker(SeriesMarkers.NONE);
                curve.setLineColor(color(p));
                curve.setLineStyle(fit.get().lowConfidence() ? DASHED : new BasicStroke(2.5f));
            }
        }
        return Optional.of(chart);
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

    // ---------------------------------------------------------------- achieved against nominal

    /**
     * Achieved against nominal throughput across devices, on a logarithmic FLOP/s axis: for each profile ×
     * precision a pair of bars, the nominal peak (grey) and the achieved rate (blue) with its error bar (99.9% for
     * measured, 95% for fitted figures), the utilization printed above it. A "nominal only" entry shows the grey
     * bar alone, labelled "nominal only". Bars are grouped by profile, the device named under each group and the
     * precision under each pair; thin vertical lines separate the groups. The chart widens with the number of
     * entries so that labels stay legible.
     *
     * @param precisions the precisions to draw; empty for all the profiles have
     * @throws InvalidInputException when no selected precision has a nominal or achieved figure, or naming a
     *                               precision none of the profiles has
     */
    public static XYChart achievedVsNominal(List<Profile> profiles, Collection<Precision> precisions) {
        List<Comparison.Row> rows = Comparison.of(profiles, precisions).rows().stream()
                .filter(r -> positive(r.nominal()) || positive(r.achieved())).toList();
        if (rows.isEmpty()) {
            throw new InvalidInputException("no nominal or achieved figure to chart in the selected profiles and precisions");
        }
        double min = Double.POSITIVE_INFINITY, max = 0;
        boolean anyInteger = false, anyEstimated = false;
        for (Comparison.Row r : rows) {
            anyInteger |= r.precision().isInteger();
            anyEstimated |= Boolean.TRUE.equals(r.nominalEstimated());
            for (Double v : new Double[] {r.nominal(), r.achieved()}) {
                if (positive(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (positive(r.achieved()) && r.achievedError() != null) {
                max = Math.max(max, r.achieved() + r.achievedError());
            }
        }
        // whole decades: bars rise from the decade below the smallest figure; room above the largest for its label
        double bottom = Math.floor(Math.log10(min) - 0.25);
        double top = Math.ceil(Math.log10(max) + 0.3);
        // a band under the bars for the precision and device labels
        double band = Math.min(0.8, 0.17 * (top - bottom));
        double yMin = bottom - band;

        // groups of consecutive rows of one profile, each at least as wide as its device label
        Font labelFont = ANNOTATION_FONT;
        double slotPx = 96;
        List<double[]> groups = new ArrayList<>(); // {first row, row count, start, width} in slot units
        double cursor = 0.3;
        for (int i = 0; i < rows.size(); ) {
            int j = i;
            while (j < rows.size() && rows.get(j).profileId().equals(rows.get(i).profileId())) {
                j++;
            }
            double units = Math.max(j - i, (textWidth(shortName(rows.get(i).device()), labelFont) + 18) / slotPx);
            groups.add(new double[] {i, j - i, cursor, units});
            cursor += units;
            i = j;
        }
        double xMax = cursor + 0.3;
        int width = (int) Math.max(WIDTH, 170 + slotPx * xMax);
        double actualSlotPx = (width - 170) / xMax;
        BasicStroke bar = new BasicStroke((float) Math.min(0.36 * actualSlotPx, 40), BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER);

        XYChart chart = new XYChartBuilder().width(width).height(HEIGHT)
                .title("Achieved vs nominal throughput")
                .xAxisTitle(anyEstimated ? "* nominal peak from a per-cycle figure that is inferred or not yet verified" : "")
                .yAxisTitle("FLOP/s" + (anyInteger ? " (op/s for int8)" : "") + ", log scale")
                .build();
        style(chart);
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(xMax);
        styler.setYAxisMin(yMin);
        styler.setYAxisMax(top);
        styler.setXAxisTicksVisible(false);
        // no margin round the data, so the decade below the bars (inside XChart's default 4% margin) gets no label
        styler.setPlotContentSize(1.0);
        styler.setXAxisTitleVisible(anyEstimated);
        styler.setAxisTitleFont(new Font(FONT, Font.PLAIN, 13));
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendPadding(14);
        styler.setyAxisTickLabelsFormattingFunction(logTicks(yMin, top, t -> si(Math.pow(10, t))));

        legendEntry(chart, "nominal peak", NOMINAL_BAR, new BasicStroke(12f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        legendEntry(chart, "achieved", ACHIEVED_BAR, new BasicStroke(12f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        legendEntry(chart, "error bar: 99.9% measured, 95% fitted", TEXT, new BasicStroke(1.6f));
        double lift = 0.035 * (top - yMin);
        for (int g = 0; g < groups.size(); g++) {
            int first = (int) groups.get(g)[0], count = (int) groups.get(g)[1];
            double start = groups.get(g)[2], units = groups.get(g)[3];
            if (g > 0) {
                verticalLine(chart, "separator " + g, start, yMin, top, new Color(0xB0, 0xB0, 0xB0), new BasicStroke(1f));
            }
            annotate(chart, shortName(rows.get(first).device()), start + units / 2, bottom - 0.72 * band);
            for (int k = 0; k < count; k++) {
                Comparison.Row r = rows.get(first + k);
                int i = first + k;
                double x = start + (units - count) / 2 + k + 0.5;
                double offset = bar.getLineWidth() / actualSlotPx / 2 + 0.01;
                annotate(chart, r.precision().id() + (Boolean.TRUE.equals(r.nominalEstimated()) ? "*" : ""), x,
                        bottom - 0.32 * band);
                boolean pair = positive(r.nominal()) && positive(r.achieved());
                if (positive(r.nominal())) {
                    double head = Math.log10(r.nominal());
                    verticalLine(chart, "nominal " + i, pair ? x - offset : x, bottom, head, NOMINAL_BAR, bar);
                    if (r.nominalOnly()) {
                        annotate(chart, "nominal only", x, head + lift);
                    }
                }
                if (positive(r.achieved())) {
                    double ax = pair ? x + offset : x;
                    double head = Math.log10(r.achieved());
                    verticalLine(chart, "achieved " + i, ax, bottom, head, ACHIEVED_BAR, bar);
                    if (r.achievedError() != null && r.achievedError() > 0) {
                        double lo = r.achieved() - r.achievedError();
                        head = Math.log10(r.achieved() + r.achievedError());
                        verticalLine(chart, "error " + i, ax, lo > 0 ? Math.max(bottom, Math.log10(lo)) : bottom, head,
                                TEXT, new BasicStroke(1.6f));
                    }
                    if (r.utilization() != null) {
                        annotate(chart, Units.percent(r.utilization()), ax, head + lift);
                    }
                }
            }
        }
        return chart;
    }

    /** A series that only shows in the legend: a single point draws no line. */
    private static void legendEntry(XYChart chart, String name, Color color, BasicStroke stroke) {
        XYSeries s = chart.addSeries(name, new double[] {0}, new double[] {Double.NaN});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(stroke);
    }

    /** Width of a text in chart units. */
    private static double textWidth(String text, Font font) {
        return font.getStringBounds(text, new FontRenderContext(null, true, true)).getWidth();
    }

    private static boolean positive(Double v) {
        return v != null && v > 0 && Double.isFinite(v);
    }

    /** The device name without trademark marks and generic words, to keep bar labels short. */
    static String shortName(String device) {
        String s = device.replaceAll("\\((R|TM|C|r|tm|c)\\)", "").replaceAll("\\b(Processor|CPU)\\b", "")
                .replaceAll("\\s+", " ").replaceAll(" ,", ",").strip();
        return s.isEmpty() ? device : s;
    }

    // ---------------------------------------------------------------- roofline

    /**
     * The roofline of a measured profile at the thread count of its ceilings: attainable FLOP/s against arithmetic
     * intensity (FLOP per byte moved), both axes logarithmic. One line per memory level, min(top FMA ceiling,
     * bandwidth × intensity), for each bandwidth plateau the sweep found (L1 to DRAM); one dashed horizontal line
     * per measured FMA ceiling (fp64, fp32); the ridge points the profile records (where each ceiling meets the
     * DRAM roof) marked and labelled.
     *
     * @return empty when the profile has no roofline, or one without bandwidth plateaus or compute ceilings
     */
    public static Optional<XYChart> roofline(Profile profile) {
        Roofline r = profile.roofline();
        if (r == null || r.memory() == null || r.compute() == null) {
            return Optional.empty();
        }
        List<Map.Entry<String, Double>> ceilings = new ArrayList<>();
        r.compute().forEach((k, v) -> {
            if (v != null && positive(v.value())) {
                ceilings.add(Map.entry(k, v.value()));
            }
        });
        List<Map.Entry<String, Double>> levels = new ArrayList<>();
        for (Roofline.MemoryLevel l : r.memory()) {
            if (l.bytesPerSecond() != null && positive(l.bytesPerSecond().value())) {
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
        Scale scale = Scale.of(top);
        // intensity from well left of the earliest ridge to well right of the latest, in whole decades
        double xMin = Math.floor(Math.log10(lowest / fastest) - 0.7);
        double xMax = Math.ceil(Math.log10(top / slowest) + 0.7);
        double yMin = Math.floor(Math.log10(slowest * Math.pow(10, xMin) / scale.factor()));
        double yMax = Math.log10(top / scale.factor()) + 0.45;

        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Roofline — " + profile.device().name() + ", " + threads(r.threads()))
                .xAxisTitle("arithmetic intensity (FLOP per byte moved), log scale")
                .yAxisTitle("attainable throughput (" + scale.prefix() + "FLOP/s), log scale")
                .build();
        style(chart);
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(xMin);
        styler.setXAxisMax(xMax);
        styler.setYAxisMin(yMin);
        styler.setYAxisMax(yMax);
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setxAxisTickLabelsFormattingFunction(logTicks(xMin, xMax, t -> plain(Math.pow(10, t))));
        styler.setyAxisTickLabelsFormattingFunction(logTicks(yMin, yMax, t -> plain(Math.pow(10, t))));

        double logTop = Math.log10(top / scale.factor());
        for (Map.Entry<String, Double> level : levels) {
            double logBw = Math.log10(level.getValue() / scale.factor());
            double corner = logTop - logBw;
            double[] x = corner < xMax ? new double[] {xMin, corner, xMax} : new double[] {xMin, xMax};
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Math.min(logTop, logBw + x[i]);
            }
            XYSeries s = chart.addSeries(level.getKey() + " " + Units.rate(level.getValue(), "B/s"), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(LEVEL_COLORS.getOrDefault(level.getKey(), TEXT));
            s.setLineStyle(new BasicStroke("DRAM".equals(level.getKey()) ? 3.2f : 2.2f));
        }
        for (Map.Entry<String, Double> c : ceilings) {
            double v = Math.log10(c.getValue() / scale.factor());
            XYSeries s = chart.addSeries(c.getKey() + " FMA ceiling " + Units.rate(c.getValue(), "FLOP/s"),
                    new double[] {xMin, xMax}, new double[] {v, v});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(color(precisionOrNull(c.getKey())));
            s.setLineStyle(DASHED);
        }
        if (r.ridge() != null) {
            List<Double> rx = new ArrayList<>(), ry = new ArrayList<>();
            for (Map.Entry<String, Double> c : ceilings) {
                Double ridge = r.ridge().get(c.getKey());
                if (positive(ridge)) {
                    double x = Math.log10(ridge), y = Math.log10(c.getValue() / scale.factor());
                    rx.add(x);
                    ry.add(y);
                    String text = String.format(Locale.ROOT, "%s ridge: %s FLOP/B", c.getKey(), plain(ridge));
                    // left edge just right of the point, under the ceiling line: the DRAM roof runs up to the left
                    double plotUnitsPerPx = (xMax - xMin) / (WIDTH - 140.0);
                    annotate(chart, text, x + (textWidth(text, ANNOTATION_FONT) / 2 + 10) * plotUnitsPerPx,
                            y - 0.045 * (yMax - yMin));
                }
            }
            if (!rx.isEmpty()) {
                XYSeries s = chart.addSeries("ridge point: ceiling ÷ DRAM bandwidth", rx, ry);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.DIAMOND);
                s.setMarkerColor(LEVEL_COLORS.get("DRAM"));
            }
        }
        return Optional.of(chart);
    }

    private static Precision precisionOrNull(String id) {
        try {
            return Precision.parse(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- drawing helpers

    /** A vertical segment as its own line series: a bar (thick stroke), an error bar or a separator. */
    private static XYSeries verticalLine(XYChart chart, String name, double x, double y0, double y1, Color color,
                                         BasicStroke stroke) {
        XYSeries s = chart.addSeries(name, new double[] {x, x}, new double[] {y0, y1});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setShowInLegend(false);
        return s;
    }

    private static void annotate(XYChart chart, String text, double x, double y) {
        chart.addAnnotation(new AnnotationText(text, x, y, false));
    }

    /**
     * Tick labels for an axis that plots the logarithm of the value, from {@code min} to {@code max}: whole
     * exponents are labelled by {@code label}, other ticks get a blank (a space, never empty text), so only whole powers carry labels.
     *
     * <p>Works around two behaviours of XChart 3.8.8's tick calculator: it draws no ticks at all when the axis ends
     * format to the same text, and it widens the grid step while labels repeat (knowm/XChart#792). Blank labels
     * between whole powers repeat, so the step widens to whole powers; the two ends get distinct invisible labels
     * (thin and hair space).
     */
    private static Function<Double, String> logTicks(double min, double max, DoubleFunction<String> label) {
        double eps = 1e-9 * Math.max(1, max - min);
        return t -> {
            if (Math.abs(t - Math.rint(t)) < 1e-9) {
                return label.apply(Math.rint(t));
            }
            // Never "": XChart hands every label to a TextLayout, which rejects empty text.
            return t <= min + eps ? "\u2009" : t >= max - eps ? "\u200A" : " ";
        };
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    // ---------------------------------------------------------------- encoding

    /**
     * A chart as {@code baseName.png} (at {@link #PNG_SCALE}× its size) and {@code baseName.svg}, in memory.
     *
     * @throws UncheckedIOException if an encoder fails (they write to memory, so only on a library fault)
     */
    public static List<OutputFile> encode(Chart<?, ?> chart, String baseName) {
        return List.of(new OutputFile(baseName + ".png", png(chart)), new OutputFile(baseName + ".svg", svg(chart)));
    }

    static byte[] png(Chart<?, ?> chart) {
        BufferedImage image = new BufferedImage(chart.getWidth() * PNG_SCALE, chart.getHeight() * PNG_SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(PNG_SCALE, PNG_SCALE);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    static byte[] svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode SVG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- style

    private static void style(XYChart chart) {
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

    /** The colour at 55% opacity, for error bars behind the points. */
    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 140);
    }

    private static List<Precision> sorted(Collection<Precision> precisions) {
        return precisions.stream().sorted().toList();
    }

    private static String names(Set<Precision> precisions) {
        return precisions.stream().map(Precision::id).toList().toString();
    }

    private static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }

    /** A number for a tick label, without a needless fraction: 0.01, 0.5, 2, 150, 1000. */
    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** A value with an SI prefix, e.g. 1e11 → "100 G", 2.5e12 → "2.5 T", 10 → "10". */
    static String si(double v) {
        Scale s = Scale.of(v);
        return (plain(v / s.factor()) + " " + s.prefix()).strip();
    }

    /**
     * An SI prefix and its factor for a maximum value: values divided by the factor fall in [1, 1000).
     *
     * @param factor 1, 1e3, 1e6, ...
     * @param prefix "", "k", "M", "G", "T", "P", "E"
     */
    record Scale(double factor, String prefix) {
        private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P", "E"};

        static Scale of(double max) {
            int i = 0;
            double f = 1;
            while (max / f >= 1000 * (1 - 1e-9) && i < PREFIXES.length - 1) {
                f *= 1000;
                i++;
            }
            return new Scale(f, PREFIXES[i]);
        }
    }
}
