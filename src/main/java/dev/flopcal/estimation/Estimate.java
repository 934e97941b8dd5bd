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
 * @param flops total model FLOPs of the job (what the model needs: 6·N·D in training), null when only a duration
 *     was given
 * @param flopsFormula how {@code flops} was obtained
 * @param hardwareFlops total FLOPs the devices execute: the model FLOPs plus, with {@code --recompute}, one more
 *     forward pass (8/6 of them without an architecture)
 * @param mode training, lora or inference
 * @param devices accelerators used at once
 * @param precision the number format, e.g. {@code "bf16"}
 * @param hardware the device, null without {@code --profile}
 * @param nominalFlopsPerDevice spec-sheet dense peak per device
 * @param achievedFlopsPerDevice the base scenario's model FLOP/s per device
 * @param utilization model FLOPs utilization (MFU) of the base scenario: model FLOPs / (time × nominal)
 * @param hardwareFlopsUtilization hardware FLOPs utilization (HFU): hardware FLOPs / (time × nominal)
 * @param utilizationKind which of the two the rate was given or fitted as ({@code "mfu"} or {@code "hfu"}), null
 *     when implied by a duration or a token rate
 * @param throughputSource how the achieved throughput was obtained
 * @param tokensPerSecondPerDevice tokens (for inference: generated tokens) per second per device in the base
 *     scenario, null without a token count
 * @param limitedBy what bounds that rate: "compute", "memory bandwidth", "given tokens per second" or "given duration"
 * @param memoryPerDeviceGb the memory each device needs, item by item, against what it has; null without
 *     {@code --params}
 * @param decoding an inference job's roofline, null otherwise
 * @param pricing on-demand, reserved, spot or on-prem
 * @param priceUsdPerDeviceHour the effective price per device-hour after discounts (on-prem: the owned cost)
 * @param rawComputeCostUsd base device-hours × effective price: devices × hours × price, with no overheads
 * @param specSheet the same job at 100% of the nominal peak (compute cost only)
 * @param scenarios base, slow and retry
 * @param deviceEnergyKwh device energy of the base scenario (power × power fraction × hours)
 * @param facilityEnergyKwh facility energy of the base scenario (device energy × PUE)
 * @param co2Kg emissions of the base scenario's facility energy
 * @param energyCostUsd electricity cost of the base scenario's facility energy (inside a cloud price; part of the
 *     on-prem price)
 * @param costBreakdownUsd the retry scenario's cost item by item; the items sum to {@code scenarios.retry.costUsd}
 * @param checkpointing checkpoint size, failure and interruption model, suggested checkpoint interval
 * @param onPremises ownership cost and break-even, with {@code --pricing on-prem} only
 * @param computeOptimal the Chinchilla-optimal parameters and tokens for the same model FLOPs (training only)
 * @param budget the guardrail, with {@code --budget} only
 * @param assumptions every input and default used: name → value, unit and source
 * @param notes warnings and explanations of missing figures
 */
public record Estimate(Double flops, String flopsFormula, Double hardwareFlops, String mode, int devices,
        String precision, Hardware hardware, Double nominalFlopsPerDevice, Double achievedFlopsPerDevice,
        Double utilization, Double hardwareFlopsUtilization, String utilizationKind, String throughputSource,
        Double tokensPerSecondPerDevice, String limitedBy, MemoryPerDevice memoryPerDeviceGb, Decoding decoding,
        String pricing, Double priceUsdPerDeviceHour, Double rawComputeCostUsd, Scenario specSheet, Scenarios scenarios,
        Double deviceEnergyKwh, Double facilityEnergyKwh, Double co2Kg, Double energyCostUsd,
        CostBreakdown costBreakdownUsd, Checkpointing checkpointing, OnPremisesCost onPremises,
        ComputeOptimal computeOptimal, Budget budget, Map<String, Assumption> assumptions, List<String> notes) {

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
     * @param deviceEnergyKwh device-hours × power × power fraction; null without a power figure
     * @param facilityEnergyKwh device energy × PUE; null without a power figure
     * @param co2Kg facility energy × carbon intensity
     * @param deviceHoursFactor device-hours relative to the base scenario
     */
    public record Scenario(String definition, Double wallClockHours, Double deviceHours, Double costUsd,
            Double deviceEnergyKwh, Double facilityEnergyKwh, Double co2Kg, Double deviceHoursFactor) {
    }

    /**
     * The memory each device needs, in GB (10^9 bytes), item by item ({@link MemoryPlan}).
     *
     * @param layout how the model states are laid out, e.g. "ZeRO stage 3, tensor parallel 1 × pipeline parallel 1 ×
     *     data parallel 512"
     * @param optimizer the optimizer, training only
     * @param zeroStage 0 to 3, null for inference
     * @param tensorParallel devices each layer is split over
     * @param pipelineParallel pipeline stages
     * @param dataParallel replicas: devices / (tensor × pipeline parallel)
     * @param bytesPerParam bytes of model states per parameter before sharding (weights, gradients, optimizer states)
     * @param weights weights per device
     * @param gradients gradients per device
     * @param optimizerStates optimizer states (and fp32 master weights) per device
     * @param activations activations per device, null unless the architecture and --micro-batch-size are given
     * @param kvCache keys and values per device (inference), null otherwise
     * @param total the sum
     * @param available the device's memory, null when unknown
     * @param fits true when {@code total} &lt;= {@code available}, null when unknown
     * @param note what is not counted, or empty
     */
    public record MemoryPerDevice(String layout, String optimizer, Integer zeroStage, int tensorParallel,
            int pipelineParallel, int dataParallel, double bytesPerParam, double weights, double gradients,
            double optimizerStates, Double activations, Double kvCache, double total, Double available, Boolean fits,
            String note) {
    }

    /**
     * An inference job's roofline ({@link DecodingRate}).
     *
     * @param batchSize sequences decoded together
     * @param contextTokens tokens of context per sequence
     * @param promptTokens prompt tokens processed before decoding
     * @param weightBytesPerParam bytes per stored weight
     * @param bytesPerStep bytes read from memory per decoding step
     * @param flopsPerStep FLOPs per decoding step
     * @param memoryBandwidthBytesPerSecond the bandwidth used, null when unknown
     * @param memoryBandwidthEfficiency the fraction of it reached, null when unknown
     * @param computeBoundTokensPerSecond tokens per second per device if compute were the only bound
     * @param memoryBoundTokensPerSecond tokens per second per device if memory bandwidth were the only bound
     * @param tokensPerSecondPerDevice the lower of the two
     * @param limitedBy "compute" or "memory bandwidth"
     * @param prefillDeviceHours device-hours of the prompts' prefill
     * @param decodeDeviceHours device-hours of decoding
     * @param perStep what one step reads and computes, in words
     */
    public record Decoding(int batchSize, int contextTokens, double promptTokens, double weightBytesPerParam,
            double bytesPerStep, double flopsPerStep, Double memoryBandwidthBytesPerSecond,
            Double memoryBandwidthEfficiency, double computeBoundTokensPerSecond, Double memoryBoundTokensPerSecond,
            double tokensPerSecondPerDevice, String limitedBy, double prefillDeviceHours, double decodeDeviceHours,
            String perStep) {
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
