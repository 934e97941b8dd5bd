package dev.flopcal.runs;

import java.util.List;
import java.util.Locale;

import dev.flopcal.core.Quantity;

/**
 * The mean of a quantity over n published runs: its 95% Student-t interval for the mean (as a {@link Quantity}),
 * the sample's standard deviation and the leave-one-out prediction error.
 *
 * @param quantity          what was averaged, e.g. "in-run utilization"
 * @param estimate          the mean with its standard error (s/√n) and 95% interval mean ± t(0.975, n − 1)·s/√n;
 *                          no value when n = 0, no error or interval when n &lt; 2
 * @param standardDeviation the sample standard deviation (n − 1 denominator); NaN when n &lt; 2
 * @param n                 number of runs
 * @param looRmsError       leave-one-out prediction error: the root mean square of (x_i − mean of the others), in
 *                          the quantity's unit; NaN when n &lt; 2
 * @param note              why the interval or the error is missing, or empty
 * @param runs              the runs that contributed, with each one's value
 */
public record RunMean(String quantity, Quantity estimate, double standardDeviation, int n, double looRmsError,
        String note, List<String> runs) {

    public RunMean {
        runs = List.copyOf(runs);
    }

    /** The mean; NaN when n = 0. */
    public double mean() {
        return estimate.valueOrNaN();
    }

    /** Lower end of the 95% interval for the mean; NaN when n &lt; 2. */
    public double lower() {
        return estimate.low();
    }

    /** Upper end of the 95% interval for the mean; NaN when n &lt; 2. */
    public double upper() {
        return estimate.high();
    }

    /** True when the interval is defined (n &gt;= 2). */
    public boolean hasInterval() {
        return n >= 2 && estimate.hasInterval();
    }

    /** E.g. {@code 0.456 (95% CI 0.284-0.628, n = 4, leave-one-out error 0.119)}. */
    public String summary() {
        if (n == 0) {
            return "no runs";
        }
        if (!hasInterval()) {
            return String.format(Locale.ROOT, "%.3f (n = %d; %s)", mean(), n, note);
        }
        return String.format(Locale.ROOT, "%.3f (95%% CI %.3f to %.3f, n = %d, leave-one-out error %.3f)", mean(),
                lower(), upper(), n, looRmsError);
    }
}
