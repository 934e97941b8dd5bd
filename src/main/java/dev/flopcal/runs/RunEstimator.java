package dev.flopcal.runs;

import dev.flopcal.core.Precision;
import dev.flopcal.hardware.AcceleratorSpec;

/**
 * What {@link PublishedRunValidation} asks of the estimator: an estimate of one published run, made as a user would
 * ask for it. The estimator implements it ({@code dev.flopcal.estimation.PublishedRunEstimator}); this package only
 * names the question, so the published-run data and fits stay below the estimator that uses them.
 */
@FunctionalInterface
public interface RunEstimator {

    /**
     * Estimates one run.
     *
     * @param query    what the run states
     * @param defaults utilization and overheads fitted from published runs (for validation: without the run itself)
     * @return the estimate, or a refusal naming why the estimator would not make it
     */
    Outcome estimate(Query query, PublishedRunFit defaults);

    /**
     * A run as the estimator is asked about it.
     *
     * @param params       total parameters (count)
     * @param activeParams active parameters per token (mixture-of-experts), NaN for dense models
     * @param tokens       training tokens (count)
     * @param hardware     the catalog row, or null when the run's hardware is not in the catalog (FLOPs only)
     * @param precision    training precision on that hardware, null with no hardware
     * @param devices      device count, 0 when the run does not state it (the estimator then takes the smallest
     *                     count whose model states fit)
     * @param mfu          the model FLOPs utilization the run states (fraction), NaN for the fitted default
     * @param powerW       power per device the run states (W), NaN for the default
     * @param pue          the PUE the run states for its energy figure, NaN for the default
     */
    record Query(double params, double activeParams, double tokens, AcceleratorSpec hardware, Precision precision,
            int devices, double mfu, double powerW, double pue) {
    }

    /**
     * One scenario of an estimate.
     *
     * @param deviceHours       device-hours
     * @param deviceEnergyKwh   device energy (power × power fraction × hours) in kWh, NaN without a power figure
     * @param facilityEnergyKwh device energy × PUE in kWh, NaN without a power figure
     * @param co2Kg             emissions of the facility energy in kg CO2e, NaN without a power figure
     */
    record Scenario(double deviceHours, double deviceEnergyKwh, double facilityEnergyKwh, double co2Kg) {
    }

    /**
     * The estimate of one run.
     *
     * @param formula the FLOPs formula with its numbers, e.g. {@code 6·N·D (training; ...)}
     * @param flops   estimated FLOPs (count)
     * @param devices the device count estimated with (the smallest that fits when the run states none), 0 without
     *                an estimate
     * @param base    the base scenario, null when not estimated
     * @param retry   the retry scenario, null when not estimated
     * @param refusal why the estimator refused the run, or null
     */
    record Outcome(String formula, double flops, int devices, Scenario base, Scenario retry, String refusal) {
    }
}
