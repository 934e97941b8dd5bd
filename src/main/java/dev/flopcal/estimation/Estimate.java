package dev.flopcal.estimation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flopcal.core.InvalidInputException;

/**
 * The result of {@link Estimator#estimate}: an immutable tree that Jackson writes as the {@code --json} output.
 * A {@code null} figure could not be computed from the inputs; {@link #notes()} or the assumptions say why.
 *
 * <p>Units: FLOPs are counts, throughput in FLOP/s (op/s for int8), time in hours, money in USD, energy in
 * kWh, emissions in kg CO2e.
 *
 * @param flops total FLOPs of the job, null when only a duration was given
 * @param flopsFormula how {@code flops} was obtained
 * @param mode training, lora or inference
 * @param devices accelerators used at once
 * @param precision the number format, e.g. {@code "bf16"}
 * @param hardware the device, null without {@code --profile}
 * @param nominalFlopsPerDevice spec-sheet dense peak per device
 * @param achievedFlopsPerDevice the base scenario's throughput per device
 * @param utilization achieved / nominal, a fraction
 * @param throughputSource how the achieved throughput was obtained
 * @param pricing on-demand, reserved, spot or on-prem
 * @param priceUsdPerDeviceHour the effective price per device-hour after discounts (on-prem: the owned cost)
 * @param rawComputeCostUsd base device-hours × effective price: devices × hours × price, with no overheads
 * @param specSheet the same job at 100% of the nominal peak (compute cost only)
 * @param scenarios base, slow and retry
 * @param energyKwh energy of the base scenario
 * @param co2Kg emissions of the base scenario
 * @param energyCostUsd electricity cost of the base scenario (inside a cloud price; part of the on-prem price)
 * @param costBreakdownUsd the retry scenario's cost item by item; the items sum to {@code scenarios.retry.costUsd}
 * @param checkpointing checkpoint size, failure and interruption model, suggested checkpoint interval
 * @param onPremises ownership cost and break-even, with {@code --pricing on-prem} only
 * @param computeOptimal the Chinchilla-optimal parameters and tokens for the same FLOPs (training only)
 * @param budget the guardrail, with {@code --budget} only
 * @param assumptions every input and default used: name → value, unit and source
 * @param notes warnings and explanations of missing figures
 */
public record Estimate(Double flops, String flopsFormula, String mode, int devices, String precision, Hardware hardware,
        Double nominalFlopsPerDevice, Double achievedFlopsPerDevice, Double utilization, String throughputSource,
        String pricing, Double priceUsdPerDeviceHour, Double rawComputeCostUsd, Scenario specSheet, Scenarios scenarios,
        Double energyKwh, Double co2Kg, Double energyCostUsd, CostBreakdown costBreakdownUsd, Checkpointing checkpointing,
        OnPremisesCost onPremises, ComputeOptimal computeOptimal, Budget budget, Map<String, Assumption> assumptions,
        List<String> notes) {

    /** Copies the assumptions (keeping their order) and the notes. */
    public Estimate {
        assumptions = Collections.unmodifiableMap(new LinkedHashMap<>(assumptions));
        notes = List.copyOf(notes);
    }

    /**
     * The budget guardrail: true when the retry scenario costs more than {@code budgetUsd}.
     *
     * @throws InvalidInputException when the retry cost is unknown (no price given)
     */
    public boolean exceedsBudget(double budgetUsd) {
        Double retry = scenarios.retry().costUsd();
        if (retry == null) {
            throw new InvalidInputException("--budget " + Checks.show(budgetUsd)
                    + ": the cost is unknown without a price (--price, or --pricing on-prem)");
        }
        return retry > budgetUsd;
    }

    /**
     * The device.
     *
     * @param id hardware id
     * @param name product name
     * @param source citation of its figures
     * @param needsCheck true when a figure is marked unverified
     * @param tdpW TDP in W, null when unknown
     */
    public record Hardware(String id, String name, String source, boolean needsCheck, Double tdpW) {
    }

    /**
     * One scenario (or the spec-sheet line).
     *
     * @param definition what the scenario assumes, with its factors
     * @param wallClockHours elapsed hours
     * @param deviceHours devices × wall-clock hours
     * @param costUsd compute, orchestration, storage and egress; null without a price
     * @param energyKwh device-hours × power × power fraction × PUE; null without a power figure
     * @param co2Kg energy × carbon intensity
     * @param deviceHoursFactor device-hours relative to the base scenario
     */
    public record Scenario(String definition, Double wallClockHours, Double deviceHours, Double costUsd, Double energyKwh,
            Double co2Kg, Double deviceHoursFactor) {
    }

    /** The three scenarios: a range, not a point. */
    public record Scenarios(Scenario base, Scenario slow, Scenario retry) {
    }

    /**
     * The retry scenario's cost in USD, item by item, from the raw compute cost up; null items need a price.
     *
     * @param rawCompute base device-hours × price
     * @param slowdown extra compute of the slow scenario
     * @param publishedRunOverhead extra compute from the fitted overhead factor
     * @param checkpointWrites compute stalled writing checkpoints
     * @param failures compute lost to device failures (half an interval plus the restart, per failure)
     * @param spotInterruptions compute lost to reclaimed spot instances
     * @param exploration exploratory and hyperparameter runs
     * @param orchestration orchestration fraction × compute
     * @param checkpointStorage checkpoints kept × size × storage price × months of the run
     * @param datasetStorage dataset size × storage price × months of the run
     * @param egress egress GB × egress price
     * @param total the sum: the retry scenario's cost
     */
    public record CostBreakdown(Double rawCompute, Double slowdown, Double publishedRunOverhead, Double checkpointWrites,
            Double failures, Double spotInterruptions, Double exploration, Double orchestration, Double checkpointStorage,
            Double datasetStorage, Double egress, Double total) {
    }

    /**
     * Checkpoints, failures and interruptions (see {@link FailureModel}).
     *
     * @param checkpointSizeGb one checkpoint in GB (10^9 bytes), null when the parameters are unknown
     * @param checkpointWriteSeconds stall per checkpoint
     * @param deviceMtbfHours device-hours between interruptions caused by one device
     * @param jobMtbfHours the job's hours between interruptions of any kind
     * @param spotInterruptionsPerHour job interruptions per hour from reclaimed spot instances
     * @param checkpointIntervalHours the interval used
     * @param youngDalyIntervalHours the suggested optimal interval sqrt(2 × write time × job MTBF)
     * @param lostHoursPerInterruption half an interval plus the restart time
     * @param checkpointWriteFraction stalled time per useful hour
     * @param failureLostFraction time lost to failures per useful hour
     * @param spotLostFraction time lost to spot interruptions per useful hour
     * @param note what was assumed when a figure was missing, or empty
     */
    public record Checkpointing(Double checkpointSizeGb, Double checkpointWriteSeconds, double deviceMtbfHours,
            double jobMtbfHours, double spotInterruptionsPerHour, double checkpointIntervalHours,
            Double youngDalyIntervalHours, double lostHoursPerInterruption, double checkpointWriteFraction,
            double failureLostFraction, double spotLostFraction, String note) {
    }

    /**
     * The guardrail.
     *
     * @param budgetUsd the budget
     * @param retryCostUsd the retry scenario's cost
     * @param exceeded true when the retry cost is above the budget (the command exits with code 3)
     */
    public record Budget(double budgetUsd, double retryCostUsd, boolean exceeded) {
    }

    /**
     * One input or default.
     *
     * @param value a number or a word
     * @param unit its unit, empty for words and pure fractions are named "fraction"
     * @param source "given (--flag)", or the citation of the default
     */
    public record Assumption(Object value, String unit, String source) {
    }
}
