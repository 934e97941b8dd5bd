package dev.flopcal.fleet;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.flopcal.core.Precision;
import dev.flopcal.core.Units;

/**
 * The fleet's statistics, pure functions: the median of the nodes' achieved figures, their median absolute deviation
 * (MAD), and the suspect rule.
 *
 * <p>A node is <em>suspect</em> when it is below the fleet median by more than both (1) its own interval: the
 * interval's upper end lies below the median, so its measurement noise does not explain the shortfall; and (2) a
 * robust threshold, {@value #MAD_MULTIPLIER} × {@value #MAD_SCALE} × MAD: the scaled MAD estimates the standard
 * deviation of normally distributed figures without being dragged by the slow nodes themselves (Leys et al., "Detecting
 * outliers: Do not use standard deviation around the mean, use absolute deviation around the median", J. Exp. Soc.
 * Psychol. 49 (2013) 764-766), so the threshold is about three standard deviations of the fleet's spread. The first
 * keeps a noisy node from being named on noise alone, the second keeps a precise node from being named for a
 * shortfall the fleet's own spread explains. Only nodes below the fleet are suspect. With fewer than three nodes
 * none can stand out: a node below the median of two is below it by half their difference, less than the threshold.
 */
public final class FleetStatistics {
    /** Multiplier of the scaled MAD in the robust threshold. */
    public static final double MAD_MULTIPLIER = 3;
    /** 1 / Φ⁻¹(3/4): the MAD times this estimates the standard deviation of normally distributed figures. */
    public static final double MAD_SCALE = 1.4826;

    private FleetStatistics() {
    }

    /**
     * The median: the middle value, or the mean of the two middle values.
     *
     * @throws IllegalArgumentException when there are no values
     */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /**
     * The median absolute deviation from the median, unscaled: median(|x − median(x)|).
     *
     * @throws IllegalArgumentException when there are no values
     */
    public static double mad(double[] values) {
        double m = median(values);
        return median(Arrays.stream(values).map(x -> Math.abs(x - m)).toArray());
    }

    /** The robust threshold for a MAD: {@value #MAD_MULTIPLIER} × {@value #MAD_SCALE} × mad. */
    public static double threshold(double mad) {
        return MAD_MULTIPLIER * MAD_SCALE * mad;
    }

    /**
     * The fleet's summary of one precision: median, MAD, threshold, range, and each figure assessed by the suspect
     * rule (in the order given).
     *
     * @param figures the nodes' figures, at least one
     * @throws IllegalArgumentException when there are none
     */
    public static FleetReport.PrecisionSummary summarize(Precision precision, List<NodeFigure> figures) {
        double[] achieved = figures.stream().mapToDouble(NodeFigure::achieved).toArray();
        double median = median(achieved), mad = mad(achieved), threshold = threshold(mad);
        String unit = precision.rateUnit();
        List<NodeFigure> assessed = figures.stream().map(f -> {
            double shortfall = median - f.achieved();
            boolean suspect = shortfall > threshold && f.high() < median;
            return f.assessed(suspect, suspect ? String.format(Locale.ROOT, "%s %s is %.1f%% below the fleet median"
                    + " %s: its interval reaches only %s, and the shortfall %s exceeds %s (3 × 1.4826 × MAD)",
                    precision.id(), Units.rate(f.achieved(), unit), 100 * shortfall / median, Units.rate(median, unit),
                    Units.rate(f.high(), unit), Units.rate(shortfall, unit), Units.rate(threshold, unit)) : null);
        }).toList();
        String note = figures.size() < 3 ? "fewer than 3 nodes measured " + precision.id()
                + ": none can stand out from the fleet" : null;
        return new FleetReport.PrecisionSummary(unit, figures.size(), median, mad, threshold,
                Arrays.stream(achieved).min().orElseThrow(), Arrays.stream(achieved).max().orElseThrow(), assessed,
                note);
    }
}
