package dev.flopcal.reporting;

import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * Logarithmic axes drawn by plotting the logarithm of the value on a linear axis and labelling whole powers: XChart
 * 3.8.8 misplaces tick labels on its own logarithmic axes once a label format is set, and cannot draw bars on them.
 */
final class LogAxis {
    private LogAxis() {
    }

    /**
     * Tick labels for an axis that plots the logarithm of the value, from {@code min} to {@code max}: whole
     * exponents are labelled by {@code label}, other ticks get a blank (a space, never empty text), so only whole
     * powers carry labels.
     *
     * <p>Works around two behaviours of XChart 3.8.8's tick calculator: it draws no ticks at all when the axis ends
     * format to the same text, and it widens the grid step while labels repeat (knowm/XChart#792). Blank labels
     * between whole powers repeat, so the step widens to whole powers; the two ends get distinct invisible labels
     * (thin and hair space).
     */
    static Function<Double, String> ticks(double min, double max, DoubleFunction<String> label) {
        double eps = 1e-9 * Math.max(1, max - min);
        return t -> {
            if (Math.abs(t - Math.rint(t)) < 1e-9) {
                return label.apply(Math.rint(t));
            }
            // Never "": XChart hands every label to a TextLayout, which rejects empty text.
            return t <= min + eps ? "\u2009" : t >= max - eps ? "\u200A" : " ";
        };
    }

    /** True for a value a logarithmic axis can show: known, finite and above zero. */
    static boolean plottable(Double v) {
        return v != null && v > 0 && Double.isFinite(v);
    }

    /** The base-2 logarithm, for size axes whose sizes double from step to step. */
    static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
