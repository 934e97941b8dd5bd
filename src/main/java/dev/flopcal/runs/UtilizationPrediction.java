package dev.flopcal.runs;

import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The in-run utilization a new run on one hardware is predicted to reach ({@link UtilizationModel#predict}): a
 * centre and a log-Student-t prediction interval around it.
 *
 * @param hardware         the hardware asked about
 * @param group            its chip group
 * @param groupRuns        published runs in that group
 * @param allRuns          published runs in the model
 * @param centre           the predicted utilization (the exponential of the predicted log), a fraction; NaN without
 *                         runs
 * @param logSd            predictive standard deviation of the log utilization; NaN without a spread
 * @param degreesOfFreedom of the t quantiles
 * @param note             why there is no interval, or empty
 */
public record UtilizationPrediction(String hardware, String group, int groupRuns, int allRuns, double centre,
        double logSd, int degreesOfFreedom, String note) {

    /** Probability below the slow scenario's utilization: the lower end of a one-sided 95% prediction bound. */
    public static final double SLOW_QUANTILE = 0.05;

    /** True when the spread is known. */
    public boolean hasInterval() {
        return Double.isFinite(logSd) && degreesOfFreedom >= 1;
    }

    /** The utilization a new run falls below with probability {@code p}; NaN without an interval. */
    public double quantile(double p) {
        if (!hasInterval()) {
            return Double.NaN;
        }
        return centre * Math.exp(new TDistribution(degreesOfFreedom).inverseCumulativeProbability(p) * logSd);
    }

    /** Centre / the {@link #SLOW_QUANTILE} quantile (&gt;= 1); NaN without an interval. */
    public double slowFactor() {
        return centre / quantile(SLOW_QUANTILE);
    }

    /** E.g. {@code 0.468 (a100-sxm-40gb/a100-sxm-80gb: 8 of 12 runs; 95% prediction interval 0.31-0.71)}. */
    public String summary() {
        String runs = groupRuns == 0 ? "no run on this chip, all " + allRuns + " runs"
                : group + ": " + groupRuns + " of " + allRuns + " runs";
        if (!hasInterval()) {
            return String.format(Locale.ROOT, "%.3f (%s; %s)", centre, runs, note);
        }
        return String.format(Locale.ROOT, "%.3f (%s; 95%% prediction interval %.3f to %.3f)", centre, runs,
                quantile(0.025), quantile(0.975));
    }
}
