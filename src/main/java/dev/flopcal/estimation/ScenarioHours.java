package dev.flopcal.estimation;

import java.util.Locale;

/**
 * The device-hours of the three scenarios, from the base:
 * <pre>
 *   slow     = base × slow factor
 *   overhead = slow × overhead factor
 *   retry    = overhead × (1 + lost fraction of the failure model) × exploration multiplier
 * </pre>
 * (see {@link Estimator} for what each factor stands for, and {@link ScenarioFactors} for the fitted defaults).
 *
 * @param base device-hours at the base throughput
 * @param slow device-hours at the slow factor
 * @param overhead device-hours with the published runs' overhead
 * @param retry device-hours with failures, interruptions and exploration
 * @param slowFactor the slow factor, &gt;= 1
 * @param overheadFactor the overhead factor, &gt;= 1
 * @param explorationMultiplier the exploration multiplier, &gt;= 1
 * @param failures the lost time of checkpoints, failures and interruptions
 */
record ScenarioHours(double base, double slow, double overhead, double retry, double slowFactor, double overheadFactor,
        double explorationMultiplier, FailureModel failures) {

    /**
     * The scenario device-hours of a checked request, with the given factors, else the measurement's slow factor when
     * the rate was measured, else the fitted ones.
     */
    static ScenarioHours of(BaseThroughput rate, EstimateRequest.Overheads given, ScenarioFactors factors,
            FailureModel failures, Assumptions assume) {
        double base = rate.deviceHours();
        boolean measured = rate.measuredSlowFactor() != null;
        double slowFactor = assume.pick("slowFactor", given.slowFactor(), measured ? rate.measuredSlowFactor()
                : factors.slowFactor(), "× base device-hours", measured ? rate.measuredSlowBasis() : factors.slowBasis());
        double overheadFactor = assume.pick("overheadFactor", given.overheadFactor(), factors.overheadFactor(),
                "× slow device-hours", factors.overheadBasis());
        double exploration = assume.pick("explorationMultiplier", given.explorationMultiplier(),
                Defaults.EXPLORATION_MULTIPLIER, "× compute", Defaults.EXPLORATION_SOURCE);
        double slow = base * slowFactor;
        double overhead = slow * overheadFactor;
        double lost = overhead * failures.totalLostFraction();
        return new ScenarioHours(base, slow, overhead, (overhead + lost) * exploration, slowFactor, overheadFactor,
                exploration, failures);
    }

    /** The three scenarios, costed. */
    Estimate.Scenarios scenarios(ScenarioCosts costs, String throughputSource) {
        Estimate.Scenario baseScenario = costs.scenario(String.format(Locale.ROOT, "calibrated throughput: %s",
                throughputSource), base, base);
        Estimate.Scenario slowScenario = costs.scenario(String.format(Locale.ROOT,
                "base × slow factor %.3f (base throughput / the throughput at the low end of its spread: a one-sided 95%%"
                        + " prediction bound of published runs' utilization, or a measurement's error)", slowFactor), slow,
                base);
        Estimate.Scenario retryScenario = costs.scenario(String.format(Locale.ROOT,
                "slow × overhead factor %.3f (what published runs lost beyond their in-run rate and the failure model,"
                        + " within their device counts) × (1 + %.4f checkpoint writes, failures and interruptions) ×"
                        + " exploration %.2f",
                overheadFactor, failures.totalLostFraction(), explorationMultiplier), retry, base);
        return new Estimate.Scenarios(baseScenario, slowScenario, retryScenario);
    }

    /** The retry cost as a sum: each multiplicative factor contributes the compute it adds on top of the previous ones. */
    Estimate.CostBreakdown breakdown(ScenarioCosts costs, Estimate.Scenario retryScenario) {
        double retryWall = retryScenario.wallClockHours();
        double beforeExploration = overhead * (1 + failures.totalLostFraction());
        Double computeRetry = costs.compute(retryScenario.deviceHours());
        StoragePlan storage = costs.storage();
        return new Estimate.CostBreakdown(costs.compute(base), costs.compute(slow - base), costs.compute(overhead - slow),
                costs.compute(overhead * failures.checkpointWriteFraction()),
                costs.compute(overhead * failures.failureLostFraction()),
                costs.compute(overhead * failures.spotLostFraction()),
                costs.compute(beforeExploration * (explorationMultiplier - 1)),
                computeRetry == null ? null : computeRetry * costs.orchestrationFraction(),
                storage.checkpointUsd(retryWall), storage.datasetUsd(retryWall), storage.egressUsd(), retryScenario.costUsd());
    }
}
