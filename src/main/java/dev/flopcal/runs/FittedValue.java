package dev.flopcal.runs;

import java.util.List;
import java.util.Locale;

/**
 * The mean of a quantity over n runs, with a Student-t confidence interval for the mean and the
 * leave-one-out prediction error.
 *
 * @param quantity what was fitted, e.g. "in-run utilization"
 * @param mean the sample mean; NaN when n = 0
 * @param standardDeviation the sample standard deviation (n − 1 denominator); NaN when n &lt; 2
 * @param n number of runs
 * @param confidence confidence level of the interval, e.g. 0.95
 * @param lower lower end of the confidence interval for the mean: mean − t(1 − α/2, n − 1)·s/sqrt(n); NaN when n &lt; 2
 * @param upper upper end; NaN when n &lt; 2
 * @param looRmsError leave-one-out prediction error: the root mean square of (x_i − mean of the others), in the
 *     quantity's unit; NaN when n &lt; 2
 * @param note why the interval or the error is NaN, or empty
 * @param runs the runs that contributed, with each one's value
 */
public record FittedValue(String quantity, double mean, double standardDeviation, int n, double confidence, double lower,
        double upper, double looRmsError, String note, List<String> runs) {

    public FittedValue {
        runs = List.copyOf(runs);
    }

    /** True when the interval is defined (n &gt;= 2). */
    public boolean hasInterval() {
        return n >= 2 && Double.isFinite(lower);
    }

    /** E.g. {@code 0.456 (95% CI 0.284-0.628, n = 4, leave-one-out error 0.119)}. */
    public String summary() {
        if (n == 0) {
            return "no runs";
        }
        if (!hasInterval()) {
            return String.format(Locale.ROOT, "%.3f (n = %d; %s)", mean, n, note);
        }
        return String.format(Locale.ROOT, "%.3f (%.0f%% CI %.3f to %.3f, n = %d, leave-one-out error %.3f)", mean,
                confidence * 100, lower, upper, n, looRmsError);
    }
}
