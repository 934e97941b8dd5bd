package dev.flopcal.fitting;

import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Rates measured in several JVMs, combined into one figure with an interval that a rerun respects.
 *
 * <p>Why: within one JVM, iterations scatter little, but JVMs differ from each other (the code the JIT produced,
 * where the arrays landed, the machine's clock over the minutes between them), so an interval from one JVM's
 * iterations is too narrow: most reruns fell outside it. The model is one-way random effects on the log scale: a
 * JVM's figure is the rate times a JVM factor times noise. Each JVM contributes its own figure (the median of its
 * iterations, which an iteration disturbed by another process or a late compilation barely moves); the variance of
 * those figures between JVMs, which contains the within-JVM noise as well, is pooled over series that share a
 * machine state (the same thread count), because two or three JVMs per series are too few to estimate it alone.
 *
 * <p>The interval of a combined figure is the one a rerun of the same measurement falls in with 95% probability:
 * value × exp(± t(0.975, ν) · s · √(1/J + 1/J)), with s² the pooled variance on the log scale, ν its degrees of
 * freedom and J the JVMs behind the figure (a rerun has as many). Two runs whose figures differ by more than it
 * differ really. Where no series had two JVMs, the spread between JVMs is unknown: the interval then rests on the
 * within-JVM errors alone, and {@link Combined#betweenMeasured()} says so.
 */
public final class Replicates {
    private static final NormalDistribution NORMAL = new NormalDistribution();
    /** Median's standard error per unit of standard deviation, for normal data: √(π/2). */
    private static final double MEDIAN_EFFICIENCY = Math.sqrt(Math.PI / 2);
    /** Standard deviation per unit of median absolute deviation, for normal data. */
    private static final double MAD_TO_SD = 1.4826;

    private Replicates() {
    }

    /** A JVM's figure: the median of its iterations; NaN for none. */
    public static double location(double[] iterations) {
        if (iterations.length == 0) {
            return Double.NaN;
        }
        double[] s = iterations.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /**
     * The standard error of that median, from the median absolute deviation: √(π/2) · 1.4826 · MAD / √n; NaN for
     * fewer than three iterations or when they are all equal.
     */
    public static double locationError(double[] iterations) {
        int n = iterations.length;
        if (n < 3) {
            return Double.NaN;
        }
        double m = location(iterations);
        double[] dev = Arrays.stream(iterations).map(v -> Math.abs(v - m)).toArray();
        double mad = location(dev);
        return mad > 0 ? MEDIAN_EFFICIENCY * MAD_TO_SD * mad / Math.sqrt(n) : Double.NaN;
    }

    /**
     * The variance between JVMs on the log scale, pooled over series: Σ (ln xᵢⱼ − mean of series i)² / Σ (Jᵢ − 1).
     *
     * @param variance the pooled variance, NaN when no series has two JVMs
     * @param dof      its degrees of freedom, Σ (Jᵢ − 1); 0 when unknown
     */
    public record Pooled(double variance, int dof) {
        /** Pools the series given, each as its JVMs' figures (positive). Series with one JVM add nothing. */
        public static Pooled of(List<double[]> series) {
            double squares = 0;
            int dof = 0;
            for (double[] s : series) {
                if (s.length < 2) {
                    continue;
                }
                double mean = Arrays.stream(s).map(Math::log).average().orElseThrow();
                for (double v : s) {
                    squares += (Math.log(v) - mean) * (Math.log(v) - mean);
                }
                dof += s.length - 1;
            }
            return dof == 0 ? new Pooled(Double.NaN, 0) : new Pooled(squares / dof, dof);
        }

        /** True when at least one series had two JVMs. */
        public boolean known() {
            return dof > 0;
        }

        /** The pooled standard deviation between JVMs, relative (on the log scale). */
        public double relativeSd() {
            return Math.sqrt(variance);
        }
    }

    /**
     * The spread of one JVM's figure on the log scale, estimated robustly from series of JVM figures: 1.4826 × the
     * median of |ln xᵢ − ln xₖ| over every pair of JVMs of a series, divided by √2 (the difference of two JVMs spreads
     * √2 times as wide as one). A disturbed JVM moves the median of many pairs little, where it would dominate a
     * variance. NaN with fewer than {@value #MIN_SCREEN_PAIRS} pairs.
     */
    public static double robustSd(List<double[]> series) {
        List<Double> diffs = new java.util.ArrayList<>();
        for (double[] s : series) {
            for (int i = 0; i < s.length; i++) {
                for (int k = i + 1; k < s.length; k++) {
                    diffs.add(Math.abs(Math.log(s[i] / s[k])));
                }
            }
        }
        if (diffs.size() < MIN_SCREEN_PAIRS) {
            return Double.NaN;
        }
        double[] d = diffs.stream().mapToDouble(Double::doubleValue).toArray();
        return MAD_TO_SD * location(d) / Math.sqrt(2);
    }

    /** Pairs of JVMs {@link #robustSd} needs before JVMs are screened. */
    public static final int MIN_SCREEN_PAIRS = 4;
    /** How many of {@link #robustSd}'s spreads (of a difference: × √2) below another JVM marks a JVM disturbed. */
    public static final double DISTURBED_SDS = 4;

    /**
     * Which JVMs of a shape were disturbed: those whose figure lies below the best of the shape's other JVMs by more
     * than {@value #DISTURBED_SDS} × √2 × sd on the log scale. One-sided because on a shared machine a disturbance
     * (another process on a core the product needs, the host's neighbours on the memory bus) only slows a kernel
     * down; an undisturbed pair differs by that much about three times in 100,000. The best JVM is never set aside.
     *
     * @param figures the shape's JVM figures (positive)
     * @param sd      the robust spread of one JVM ({@link #robustSd}); NaN sets nothing aside
     */
    public static boolean[] disturbed(double[] figures, double sd) {
        boolean[] out = new boolean[figures.length];
        if (!(sd > 0) || figures.length < 2) {
            return out;
        }
        double cut = DISTURBED_SDS * Math.sqrt(2) * sd;
        for (int i = 0; i < figures.length; i++) {
            double best = 0;
            for (int k = 0; k < figures.length; k++) {
                if (k != i) {
                    best = Math.max(best, figures[k]);
                }
            }
            out[i] = Math.log(best / figures[i]) > cut;
        }
        return out;
    }

    /**
     * A combined figure.
     *
     * @param value           mean of the JVMs' figures
     * @param standardError   standard error of that mean, same unit
     * @param low             lower end of the 95% interval a rerun falls in
     * @param high            upper end
     * @param jvms            JVMs behind the figure
     * @param dof             degrees of freedom of the interval's t quantile (0 for a normal quantile)
     * @param betweenMeasured false when the spread between JVMs was not measured (no series had two JVMs)
     */
    public record Combined(double value, double standardError, double low, double high, int jvms, int dof,
                           boolean betweenMeasured) {
        /** Half the interval's width, relative to the value. */
        public double relativeHalfWidth() {
            return (high - low) / 2 / value;
        }
    }

    /**
     * Combines one figure from its JVMs.
     *
     * @param perJvm   each JVM's figure (positive), at least one
     * @param withinSe each JVM's within-JVM standard error (same unit; NaN where unknown), used only when the
     *                 pooled variance is unknown
     * @param pooled   the variance between JVMs pooled over comparable series
     */
    public static Combined combine(double[] perJvm, double[] withinSe, Pooled pooled) {
        int j = perJvm.length;
        if (j == 0) {
            throw new IllegalArgumentException("no JVM figures to combine");
        }
        double value = Arrays.stream(perJvm).average().orElseThrow();
        double relVar;
        double quantile;
        int dof;
        if (pooled.known()) {
            relVar = pooled.variance() / j;
            dof = pooled.dof();
            quantile = new TDistribution(dof).inverseCumulativeProbability(0.975);
        } else {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < j; i++) {
                if (Double.isFinite(withinSe[i])) {
                    sum += (withinSe[i] / perJvm[i]) * (withinSe[i] / perJvm[i]);
                    n++;
                }
            }
            relVar = n == 0 ? Double.NaN : sum / n / j;
            dof = 0;
            quantile = NORMAL.inverseCumulativeProbability(0.975);
        }
        double rerun = quantile * Math.sqrt(2 * relVar);
        return new Combined(value, value * Math.sqrt(relVar), value * Math.exp(-rerun), value * Math.exp(rerun), j, dof,
                pooled.known());
    }
}
