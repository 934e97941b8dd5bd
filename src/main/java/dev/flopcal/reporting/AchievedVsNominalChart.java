package dev.flopcal.reporting;

import java.awt.BasicStroke;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.core.Units;
import dev.flopcal.profiles.NominalKind;
import dev.flopcal.profiles.Profile;

/**
 * Achieved against nominal throughput across devices, on a logarithmic FLOP/s axis (CPUs and accelerators differ a
 * thousandfold): for each profile × precision a pair of bars, the nominal peak (grey) and the achieved rate (blue)
 * with its error bar (measured: the 95% interval a rerun falls in, or JMH's 99.9% in older profiles; fitted: 95%),
 * the utilization printed above it; a nominal derived from the measured FMA ceiling is marked ‡. A "nominal
 * only" entry shows the grey bar alone, labelled "nominal only". Bars are grouped by profile, the device named under
 * each group (the profile id where several profiles share a device) and the precision under each pair; thin
 * vertical lines separate the groups. The chart widens with the number of entries so that labels stay legible.
 * Every plotted number comes from the profiles.
 */
public final class AchievedVsNominalChart {
    /** File name of the chart, without extension. */
    public static final String BASE_NAME = "achieved-vs-nominal";

    private AchievedVsNominalChart() {
    }

    /**
     * The chart of some profiles, in the order given.
     *
     * @param precisions the precisions to draw; empty for all the profiles have
     * @throws InvalidInputException when no selected precision has a nominal or achieved figure, or naming a
     *                               precision none of the profiles has
     */
    public static XYChart of(List<Profile> profiles, Collection<Precision> precisions) {
        List<Comparison.Row> rows = Comparison.of(profiles, precisions).rows().stream()
                .filter(r -> LogAxis.plottable(r.nominal()) || LogAxis.plottable(r.achieved())).toList();
        if (rows.isEmpty()) {
            throw new InvalidInputException("no nominal or achieved figure to chart in the selected profiles and precisions");
        }
        double min = Double.POSITIVE_INFINITY, max = 0;
        boolean anyInteger = false, anyEstimated = false, anyDerived = false;
        for (Comparison.Row r : rows) {
            anyInteger |= r.precision().isInteger();
            anyEstimated |= Boolean.TRUE.equals(r.nominalEstimated());
            anyDerived |= r.nominalKind() == NominalKind.CEILING_DERIVED;
            for (Double v : new Double[] {r.nominal(), r.achieved()}) {
                if (LogAxis.plottable(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (LogAxis.plottable(r.achieved()) && r.achievedError() != null) {
                max = Math.max(max, r.achieved() + r.achievedError());
            }
        }
        // whole decades: bars rise from the decade below the smallest figure; room above the largest for its label
        double bottom = Math.floor(Math.log10(min) - 0.25);
        double top = Math.ceil(Math.log10(max) + 0.3);
        // a band under the bars for the precision and device labels
        double band = Math.min(0.8, 0.17 * (top - bottom));
        double yMin = bottom - band;

        // groups of consecutive rows of one profile, each at least as wide as its label
        double slotPx = 96;
        List<double[]> groups = new ArrayList<>(); // {first row, row count, start, width} in slot units
        Map<String, String> labels = labels(rows);
        double cursor = 0.3;
        for (int i = 0; i < rows.size(); ) {
            int j = i;
            while (j < rows.size() && rows.get(j).profileId().equals(rows.get(i).profileId())) {
                j++;
            }
            double units = Math.max(j - i, (ChartStyle.textWidth(labels.get(rows.get(i).profileId())) + 18) / slotPx);
            groups.add(new double[] {i, j - i, cursor, units});
            cursor += units;
            i = j;
        }
        double xMax = cursor + 0.3;
        int width = (int) Math.max(ChartStyle.WIDTH, 170 + slotPx * xMax);
        double actualSlotPx = (width - 170) / xMax;
        BasicStroke bar = new BasicStroke((float) Math.min(0.36 * actualSlotPx, 40), BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER);

        String footnotes = String.join("; ", java.util.stream.Stream.of(
                anyEstimated ? "* nominal peak from a per-cycle figure that is inferred or not yet verified" : "",
                anyDerived ? "‡ nominal from the clock the measured FMA ceiling implies" : "")
                .filter(t -> !t.isEmpty()).toList());
        XYChart chart = ChartStyle.newChart(width, "Achieved vs nominal throughput", footnotes,
                "FLOP/s" + (anyInteger ? " (op/s for int8)" : "") + ", log scale");
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(xMax);
        styler.setYAxisMin(yMin);
        styler.setYAxisMax(top);
        styler.setXAxisTicksVisible(false);
        // no margin round the data, so the decade below the bars (inside XChart's default 4% margin) gets no label
        styler.setPlotContentSize(1.0);
        styler.setXAxisTitleVisible(!footnotes.isEmpty());
        styler.setAxisTitleFont(new Font(ChartStyle.FONT, Font.PLAIN, 13));
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendPadding(14);
        styler.setyAxisTickLabelsFormattingFunction(LogAxis.ticks(yMin, top, t -> Units.si(Math.pow(10, t))));

        ChartStyle.legendEntry(chart, "nominal peak", ChartStyle.NOMINAL_BAR,
                new BasicStroke(12f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        ChartStyle.legendEntry(chart, "achieved", ChartStyle.ACHIEVED_BAR,
                new BasicStroke(12f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        ChartStyle.legendEntry(chart, rows.stream().anyMatch(r -> r.errorConfidence() != null
                && r.errorConfidence() == 0.999) ? "error bar: 99.9% measured, 95% fitted"
                : "error bar: 95% (measured: a rerun's interval)", ChartStyle.TEXT, new BasicStroke(1.6f));
        double lift = 0.035 * (top - yMin);
        for (int g = 0; g < groups.size(); g++) {
            int first = (int) groups.get(g)[0], count = (int) groups.get(g)[1];
            double start = groups.get(g)[2], units = groups.get(g)[3];
            if (g > 0) {
                ChartStyle.verticalLine(chart, "separator " + g, start, yMin, top, ChartStyle.SEPARATOR, new BasicStroke(1f));
            }
            ChartStyle.annotate(chart, labels.get(rows.get(first).profileId()), start + units / 2, bottom - 0.72 * band);
            for (int k = 0; k < count; k++) {
                Comparison.Row r = rows.get(first + k);
                int i = first + k;
                double x = start + (units - count) / 2 + k + 0.5;
                double offset = bar.getLineWidth() / actualSlotPx / 2 + 0.01;
                ChartStyle.annotate(chart, r.precision().id() + (Boolean.TRUE.equals(r.nominalEstimated()) ? "*" : "")
                        + (r.nominalKind() == NominalKind.CEILING_DERIVED ? "‡" : ""), x,
                        bottom - 0.32 * band);
                boolean pair = LogAxis.plottable(r.nominal()) && LogAxis.plottable(r.achieved());
                if (LogAxis.plottable(r.nominal())) {
                    double head = Math.log10(r.nominal());
                    ChartStyle.verticalLine(chart, "nominal " + i, pair ? x - offset : x, bottom, head, ChartStyle.NOMINAL_BAR, bar);
                    if (r.nominalOnly()) {
                        ChartStyle.annotate(chart, "nominal only", x, head + lift);
                    }
                }
                if (LogAxis.plottable(r.achieved())) {
                    double ax = pair ? x + offset : x;
                    double head = Math.log10(r.achieved());
                    ChartStyle.verticalLine(chart, "achieved " + i, ax, bottom, head, ChartStyle.ACHIEVED_BAR, bar);
                    if (r.achievedError() != null && r.achievedError() > 0) {
                        double lo = r.achieved() - r.achievedError();
                        head = Math.log10(r.achieved() + r.achievedError());
                        ChartStyle.verticalLine(chart, "error " + i, ax, lo > 0 ? Math.max(bottom, Math.log10(lo)) : bottom, head,
                                ChartStyle.TEXT, new BasicStroke(1.6f));
                    }
                    if (r.utilization() != null) {
                        ChartStyle.annotate(chart, Units.percent(r.utilization()), ax, head + lift);
                    }
                }
            }
        }
        return chart;
    }

    /**
     * The label under each profile's group: its device's {@link #shortName}, or its id where profiles of one device
     * would share a label (several fitted series of one machine, e.g. one per library).
     */
    static Map<String, String> labels(List<Comparison.Row> rows) {
        Map<String, String> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.putIfAbsent(r.profileId(), shortName(r.device())));
        Map<String, Long> uses = byId.values().stream().collect(Collectors.groupingBy(l -> l, Collectors.counting()));
        byId.replaceAll((id, label) -> uses.get(label) > 1 ? id : label);
        return byId;
    }

    /** The device name without trademark marks and generic words, to keep bar labels short. */
    static String shortName(String device) {
        String s = device.replaceAll("\\((R|TM|C|r|tm|c)\\)", "").replaceAll("\\b(Processor|CPU)\\b", "")
                .replaceAll("\\s+", " ").replaceAll(" ,", ",").strip();
        return s.isEmpty() ? device : s;
    }
}
