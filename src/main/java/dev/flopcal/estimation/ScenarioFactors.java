package dev.flopcal.estimation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.flopcal.runs.PublishedRunFit;
import dev.flopcal.runs.RunObservation;
import dev.flopcal.runs.UtilizationPrediction;

/**
 * The defaults that published runs give an estimate: the utilization to assume when nothing was measured or
 * given, and the factors of the {@code slow} and {@code retry} scenarios.
 *
 * <ul>
 *   <li><b>utilization</b>: the centre of the predicted in-run MFU of a run on the job's hardware
 *       ({@link dev.flopcal.runs.UtilizationModel}: per chip, partially pooled toward all runs).</li>
 *   <li><b>slow factor</b>: centre / the 5% quantile of that prediction (a one-sided 95% prediction bound): the
 *       slow scenario is a run whose utilization falls as low as one run in twenty on that hardware. It is a
 *       relative spread, so it applies to a given utilization, token rate or duration as well (a figure given for a
 *       planned job is what is expected, not what the run will reach); a calibrated profile's measured rate uses
 *       its own measurement error instead ({@link BaseThroughput}).</li>
 *   <li><b>overhead factor</b>: the device-hours published runs lost beyond their in-run rate <i>and</i> beyond the
 *       failure model the estimator adds at their size (reported / ideal device-hours / (1 + the lost fraction of
 *       {@link CheckpointPlan#defaultModel} at the run's devices and parameters)): the geometric mean over the runs
 *       that state an MFU and device-hours. Two runs cannot support a fit against device count, so it is applied
 *       only to jobs within the device counts of the runs it rests on, and is 1 outside: the failure model, which
 *       scales with the devices, is all a smaller (or larger) job gets.</li>
 * </ul>
 * A factor without data is 1 (no change), with the reason in its basis.
 *
 * @param utilization      default in-run utilization (fraction), NaN when no run states one
 * @param utilizationBasis where it comes from
 * @param prediction       the prediction it is the centre of
 * @param slowFactor       device-hours multiplier of the slow scenario over the base, &gt;= 1
 * @param slowBasis        where it comes from
 * @param overheadFactor   device-hours multiplier of the retry scenario over the slow one, before the explicit
 *                         failure model and multipliers, &gt;= 1
 * @param overheadBasis    where it comes from
 */
public record ScenarioFactors(double utilization, String utilizationBasis, UtilizationPrediction prediction,
        double slowFactor, String slowBasis, double overheadFactor, String overheadBasis) {

    /**
     * Chooses the factors for one job.
     *
     * @param hardwareId an {@code accelerators.csv} or profile id, or null/unknown for all runs
     * @param devices    the job's device count
     */
    public static ScenarioFactors from(PublishedRunFit fit, String hardwareId, int devices) {
        UtilizationPrediction p = fit.predict(hardwareId);
        String utilizationBasis = "in-run MFU predicted for " + (hardwareId == null ? "hardware without runs" : hardwareId)
                + " from published-runs.csv: " + p.summary() + runs(fit, hardwareId);
        double slow;
        String slowBasis;
        if (p.hasInterval() && p.slowFactor() >= 1) {
            slow = p.slowFactor();
            slowBasis = String.format(Locale.ROOT, "centre / 5%% quantile of the in-run MFU a run on %s is predicted from"
                    + " published-runs.csv to reach (one-sided 95%% prediction bound) = %.3f / %.3f; %s",
                    p.group().isEmpty() ? "any hardware"
                    : p.group(), p.centre(), p.quantile(UtilizationPrediction.SLOW_QUANTILE), p.summary());
        } else {
            slow = 1;
            slowBasis = "1: no spread of published runs' utilization is known (" + p.summary() + ")";
        }
        Overhead overhead = overhead(fit, devices);
        return new ScenarioFactors(p.centre(), utilizationBasis, p, slow, slowBasis, overhead.factor(), overhead.basis());
    }

    private static String runs(PublishedRunFit fit, String hardwareId) {
        List<RunObservation> onChip = fit.onChipOf(hardwareId == null ? "" : hardwareId);
        if (onChip.isEmpty()) {
            return "";
        }
        return " [" + String.join(", ", onChip.stream().map(RunObservation::label).toList()) + "]";
    }

    private record Overhead(double factor, String basis) {
    }

    private static Overhead overhead(PublishedRunFit fit, int devices) {
        List<String> parts = new ArrayList<>();
        double logSum = 0;
        int n = 0;
        int lowest = Integer.MAX_VALUE;
        int highest = 0;
        for (RunObservation o : fit.typicalOverhead().runs()) {
            int d = o.run().devices();
            if (d <= 0 || !Double.isFinite(o.run().params())) {
                continue;
            }
            double lost = CheckpointPlan.defaultModel(d, o.run().params()).totalLostFraction();
            double residual = o.overheadFactor() / (1 + lost);
            logSum += Math.log(residual);
            n++;
            lowest = Math.min(lowest, d);
            highest = Math.max(highest, d);
            parts.add(String.format(Locale.ROOT, "%s %.3f / (1 + %.3f) = %.3f on %d devices", o.run().model(),
                    o.overheadFactor(), lost, residual, d));
        }
        if (n == 0) {
            return new Overhead(1, "1: no published run states an MFU, device-hours and its device count");
        }
        double factor = Math.max(1, Math.exp(logSum / n));
        String rests = String.format(Locale.ROOT, "geometric mean of reported / ideal device-hours / (1 + the failure model"
                + " at the run's size) of published-runs.csv's runs stating an MFU and device-hours: %s", String.join("; ",
                parts));
        if (devices < lowest || devices > highest) {
            return new Overhead(1, String.format(Locale.ROOT, "1: %d devices is outside the %d-%d devices of the runs it"
                    + " rests on (%.3f, %s); applied only within that range, as %d run%s cannot support a fit against"
                    + " device count; the failure model, which scales with the devices, still applies", devices, lowest,
                    highest, factor, rests, n, n == 1 ? "" : "s"));
        }
        return new Overhead(factor, String.format(Locale.ROOT, "%.3f: %s; applied within %d-%d devices only", factor, rests,
                lowest, highest));
    }
}
