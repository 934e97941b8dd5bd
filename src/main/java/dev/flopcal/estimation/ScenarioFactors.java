package dev.flopcal.estimation;

import java.util.Locale;

import dev.flopcal.runs.HardwareFit;
import dev.flopcal.runs.PublishedRunFit;
import dev.flopcal.runs.RunMean;

/**
 * The defaults that published runs give an estimate: the utilization to assume when nothing was measured or
 * given, and the factors of the {@code slow} and {@code retry} scenarios.
 *
 * <ul>
 *   <li><b>utilization</b>: mean in-run utilization of the hardware's runs when there are at least 2, else of
 *       all runs.</li>
 *   <li><b>slow factor</b>: mean / lower confidence bound of the in-run utilization of all runs. The slow
 *       scenario runs at base throughput / slow factor: as if the job achieved only the lowest utilization the
 *       published runs are consistent with, relative to what they typically achieve. The pooled fit is used
 *       for every hardware because the spread reflects software stack and scale more than the chip, and
 *       because per-hardware intervals from 2 to 4 runs are dominated by the Student-t quantile (12.7 at n = 2,
 *       4.3 at n = 3).</li>
 *   <li><b>overhead factor</b>: mean reported / ideal device-hours of all runs that state both figures. It
 *       carries everything real runs lost beyond their in-run throughput (failures, restarts, stragglers,
 *       evaluation, ramp-up).</li>
 * </ul>
 * A factor without data is 1 (no change), with the reason in its basis.
 *
 * @param utilization default in-run utilization (fraction), NaN when no run states one
 * @param utilizationBasis where it comes from, with n and the interval
 * @param slowFactor device-hours multiplier of the slow scenario over the base, &gt;= 1
 * @param slowBasis where it comes from
 * @param overheadFactor device-hours multiplier of the retry scenario over the slow one, before the explicit
 *     failure model and multipliers
 * @param overheadBasis where it comes from
 */
public record ScenarioFactors(double utilization, String utilizationBasis, double slowFactor, String slowBasis,
        double overheadFactor, String overheadBasis) {

    /**
     * Chooses the factors for one hardware id.
     *
     * @param hardwareId an {@code accelerators.csv} id, or null/unknown for the pooled fit
     */
    public static ScenarioFactors from(PublishedRunFit fit, String hardwareId) {
        HardwareFit pooled = fit.pooled();
        HardwareFit utilFit = fit.forHardware(hardwareId).filter(f -> f.inRunUtilization().n() >= 2).orElse(pooled);
        RunMean util = utilFit.inRunUtilization();

        RunMean spread = pooled.inRunUtilization();
        double slow;
        String slowBasis;
        if (spread.hasInterval() && spread.lower() > 0) {
            slow = spread.mean() / spread.lower();
            slowBasis = String.format(Locale.ROOT, "mean / lower %.0f%% bound = %.3f / %.3f of %s", 95.0,
                    spread.mean(), spread.lower(), describe(pooled, spread));
        } else {
            slow = 1;
            slowBasis = "1: no usable interval for in-run utilization (" + spread.summary() + ")";
        }

        RunMean overhead = pooled.overheadFactor();
        double overheadFactor = overhead.n() >= 1 ? overhead.mean() : 1;
        String overheadBasis = overhead.n() >= 1 ? "mean " + describe(pooled, overhead)
                : "1: no published run states both device-hours and in-run utilization";

        return new ScenarioFactors(util.n() >= 1 ? util.mean() : Double.NaN, describe(utilFit, util), slow, slowBasis,
                overheadFactor, overheadBasis);
    }

    private static String describe(HardwareFit fit, RunMean value) {
        String group = fit.hardware().equals("all") ? "all runs" : fit.hardware() + " runs";
        return value.quantity() + " of " + group + " in published-runs.csv: " + value.summary() + " [" + String.join(", ",
                value.runs()) + "]";
    }
}
