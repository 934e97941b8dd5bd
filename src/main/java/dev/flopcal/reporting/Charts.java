package dev.flopcal.reporting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.knowm.xchart.XYChart;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.profiles.FigureStatus;
import dev.flopcal.profiles.Profile;

/**
 * Every chart of a set of profiles, rendered as files: {@link ThroughputVsSizeChart throughput against size} and the
 * {@link RooflineChart roofline} of each measured profile, throughput against size across the profiles for each
 * precision two or more of them measured, and one {@link AchievedVsNominalChart achieved against nominal} chart
 * across them all, each as PNG and SVG ({@link ChartFiles}), with notes on what could not be drawn.
 */
public final class Charts {
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
     * ({@code roofline-ID}) of each measured profile, throughput against size by profile
     * ({@code throughput-vs-size-PRECISION-by-profile}) for each precision two or more of them have samples of, and
     * one {@value AchievedVsNominalChart#BASE_NAME} chart across all of them, each as .png and .svg. Nothing is
     * written; see {@link OutputFile#writeAll}.
     *
     * @param precisions the precisions to draw; empty for all the profiles have
     * @throws InvalidInputException when no selected precision has a nominal or achieved figure to chart
     */
    public static Rendered render(List<Profile> profiles, Collection<Precision> precisions) {
        Set<Precision> keep = precisions.isEmpty() ? Comparison.presentIn(profiles) : EnumSet.copyOf(precisions);
        List<OutputFile> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Profile p : profiles) {
            Optional<XYChart> size = ThroughputVsSizeChart.of(p, keep);
            if (size.isPresent()) {
                files.addAll(ChartFiles.encode(size.get(), ThroughputVsSizeChart.baseName(p)));
                notes.addAll(ThroughputVsSizeChart.missingFits(p, keep));
            } else if (isMeasured(p)) {
                notes.add(p.id() + ": no GEMM samples in " + keep.stream().map(Precision::id).toList()
                        + "; no throughput-vs-size chart");
            }
            Optional<XYChart> roof = RooflineChart.of(p);
            if (roof.isPresent()) {
                files.addAll(ChartFiles.encode(roof.get(), RooflineChart.baseName(p)));
            } else if (isMeasured(p)) {
                notes.add(p.id() + ": the profile has no roofline (bandwidth plateaus and FMA ceilings); no roofline chart");
            }
        }
        // profiles side by side, one chart per precision that two or more of them measured
        for (Precision precision : keep) {
            ThroughputVsSizeChart.across(profiles, precision).ifPresent(chart ->
                    files.addAll(ChartFiles.encode(chart, ThroughputVsSizeChart.acrossBaseName(precision))));
        }
        files.addAll(ChartFiles.encode(AchievedVsNominalChart.of(profiles, keep), AchievedVsNominalChart.BASE_NAME));
        return new Rendered(files, notes);
    }

    private static boolean isMeasured(Profile p) {
        return p.precisions().values().stream().anyMatch(pp -> pp.status() == FigureStatus.MEASURED);
    }
}
