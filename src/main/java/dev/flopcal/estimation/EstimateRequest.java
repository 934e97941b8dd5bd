package dev.flopcal.estimation;

import java.util.Arrays;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;

/**
 * Everything an estimate can be asked for, one record per concern: the options model shared by the command line
 * ({@code calibrate estimate --flag}) and job files ({@link JobFile}). Each component of a concern record is one
 * option: its name is the job-file key, and the long flag is that name in kebab-case ({@code dModel} =
 * {@code --d-model}). A component is null when the option is not given; the {@link Estimator} checks ranges and
 * combinations and fills in documented defaults. Words (mode, precision, pricing) arrive parsed: the command line
 * and the job-file reader turn text into enums.
 *
 * <p>A new option is a component of its concern's record (and a line of that record's merge), an {@code @Option}
 * in the concern's mixin of {@code EstimateCommand} and, if it has a range, a check in {@link RequestChecks}; the
 * job file learns it from the record. A new concern (say, parallelism and memory per device) is a new record here,
 * a new mixin, and one more part in {@link JobFile#read(java.io.Reader, String)}.
 *
 * @param job what is computed: the FLOPs, or the model and tokens they follow from
 * @param hardware which devices, how many, at which precision
 * @param parallelism how a training job lays its model states out over the devices (memory per device)
 * @param throughput what rate they achieve, when the user knows better than the profile and the fitted default
 * @param inference how an inference job decodes: batch, context, weight format, memory bandwidth
 * @param duration the wall-clock time, when given instead of derived from FLOPs
 * @param pricing the price per device-hour and how it is paid
 * @param spot options that apply to {@code --pricing spot} only
 * @param onPremises options that apply to {@code --pricing on-prem} only
 * @param storage checkpoints and data kept and moved
 * @param reliability failures, checkpoints and restarts
 * @param overheads multipliers on top of the base scenario
 * @param energy power, electricity and carbon
 * @param guardrail the budget the retry scenario is held against
 */
public record EstimateRequest(Job job, Hardware hardware, Parallelism parallelism, Throughput throughput,
        Inference inference, Duration duration, Pricing pricing, Spot spot, OnPremises onPremises, Storage storage,
        Reliability reliability, Overheads overheads, Energy energy, Guardrail guardrail) {

    /** A request with nothing set. */
    public static final EstimateRequest EMPTY = new EstimateRequest(Job.EMPTY, Hardware.EMPTY, Parallelism.EMPTY,
            Throughput.EMPTY, Inference.EMPTY, Duration.EMPTY, Pricing.EMPTY, Spot.EMPTY, OnPremises.EMPTY, Storage.EMPTY,
            Reliability.EMPTY, Overheads.EMPTY, Energy.EMPTY, Guardrail.EMPTY);

    /** Every concern is present; an unset one is its {@code EMPTY}. */
    public EstimateRequest {
        if (Arrays.asList(job, hardware, parallelism, throughput, inference, duration, pricing, spot, onPremises, storage,
                reliability, overheads, energy, guardrail).contains(null)) {
            throw new NullPointerException("a concern of the request is null; an unset concern is its EMPTY");
        }
    }

    /**
     * This request with every option that {@code override} sets replaced: flags override the job file.
     * Options that decide the same thing override each other as a group: {@code --hours} drops the file's
     * {@code days} (and the reverse), {@code --utilization} drops {@code tokensPerSecondPerDevice} and the file's
     * {@code utilizationKind} (and the reverse), {@code --flops} drops the file's model size ({@code params}, {@code activeParams},
     * {@code layers}, {@code dModel}, {@code seqLen}, {@code recompute}) and any of those drops its
     * {@code flops}.
     */
    public EstimateRequest overriddenBy(EstimateRequest override) {
        return new EstimateRequest(job.overriddenBy(override.job), hardware.overriddenBy(override.hardware),
                parallelism.overriddenBy(override.parallelism), throughput.overriddenBy(override.throughput),
                inference.overriddenBy(override.inference), duration.overriddenBy(override.duration),
                pricing.overriddenBy(override.pricing), spot.overriddenBy(override.spot),
                onPremises.overriddenBy(override.onPremises), storage.overriddenBy(override.storage),
                reliability.overriddenBy(override.reliability), overheads.overriddenBy(override.overheads),
                energy.overriddenBy(override.energy), guardrail.overriddenBy(override.guardrail));
    }

    private static <T> T first(T given, T fallback) {
        return given != null ? given : fallback;
    }

    /**
     * What is computed: FLOPs given directly, or the model size and tokens they follow from (see {@link Workload}).
     *
     * @param flops --flops: training (or inference) FLOPs, given directly; excludes params and the architecture
     * @param params --params: total model parameters (count)
     * @param activeParams --active-params: parameters active per token, for mixture-of-experts models (count)
     * @param tokens --tokens: tokens processed (count); for inference, the tokens generated
     * @param layers --layers: transformer layers, for the attention term
     * @param dModel --d-model: model width (hidden size), for the attention term
     * @param seqLen --seq-len: sequence length in tokens, for the attention term
     * @param recompute --recompute: true: activation recomputation adds a forward pass to the hardware FLOPs
     * @param mode --mode: what the job does per token; default training
     */
    public record Job(Double flops, Double params, Double activeParams, Double tokens, Integer layers, Integer dModel,
            Integer seqLen, Boolean recompute, WorkloadMode mode) {
        /** Nothing set. */
        public static final Job EMPTY = new Job(null, null, null, null, null, null, null, null, null);

        /** The mode, training when not given. */
        public WorkloadMode modeOrDefault() {
            return mode == null ? WorkloadMode.TRAINING : mode;
        }

        /** True when an option that sizes the model is given; each of them excludes {@code flops}. */
        public boolean sizesTheModel() {
            return params != null || activeParams != null || layers != null || dModel != null || seqLen != null
                    || recompute != null;
        }

        Job overriddenBy(Job o) {
            boolean dropFlops = o.sizesTheModel();
            boolean dropSize = o.flops != null;
            return new Job(first(o.flops, dropFlops ? null : flops), first(o.params, dropSize ? null : params),
                    first(o.activeParams, dropSize ? null : activeParams), first(o.tokens, tokens),
                    first(o.layers, dropSize ? null : layers), first(o.dModel, dropSize ? null : dModel),
                    first(o.seqLen, dropSize ? null : seqLen), first(o.recompute, dropSize ? null : recompute),
                    first(o.mode, mode));
        }
    }

    /**
     * Which devices, how many, and the number format the job runs in.
     *
     * @param profile --profile: hardware id or profile file
     * @param precision --precision: the number format; default bf16
     * @param devices --devices: accelerators used at once (required by the estimator)
     */
    public record Hardware(String profile, Precision precision, Integer devices) {
        /** Nothing set. */
        public static final Hardware EMPTY = new Hardware(null, null, null);

        /**
         * Parses a {@code --precision} word, ignoring case.
         *
         * @throws InvalidInputException naming the option, the value and the accepted names
         */
        public static Precision parsePrecision(String name) {
            try {
                return Precision.parse(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--precision " + e.getMessage(), e);
            }
        }

        Hardware overriddenBy(Hardware o) {
            return new Hardware(first(o.profile, profile), first(o.precision, precision), first(o.devices, devices));
        }
    }

    /**
     * How a training job lays its model states out over its devices, for the memory each device needs (see
     * {@link MemoryPlan}).
     *
     * @param optimizer --optimizer: adam (default), sgd, lion or adafactor: the optimizer's states per parameter
     * @param zeroStage --zero-stage: 0 (replicated), 1 (optimizer states sharded over the data-parallel devices),
     *     2 (and gradients), 3 (and weights: ZeRO-3, FSDP); default the lowest stage that fits
     * @param tensorParallel --tensor-parallel: devices each layer is split over; default 1
     * @param pipelineParallel --pipeline-parallel: pipeline stages the layers are split into; default 1
     * @param microBatchSize --micro-batch-size: sequences per device per step, for the activations (with --layers,
     *     --d-model and --seq-len)
     */
    public record Parallelism(Optimizer optimizer, Integer zeroStage, Integer tensorParallel, Integer pipelineParallel,
            Integer microBatchSize) {
        /** Nothing set. */
        public static final Parallelism EMPTY = new Parallelism(null, null, null, null, null);

        /** True when an option is set. */
        boolean anySet() {
            return !equals(EMPTY);
        }

        Parallelism overriddenBy(Parallelism o) {
            return new Parallelism(first(o.optimizer, optimizer), first(o.zeroStage, zeroStage),
                    first(o.tensorParallel, tensorParallel), first(o.pipelineParallel, pipelineParallel),
                    first(o.microBatchSize, microBatchSize));
        }
    }

    /**
     * The achieved rate, when the user knows it: a utilization or a token rate (or neither: then the profile's or
     * the fitted figure applies).
     *
     * @param utilization --utilization: achieved / nominal throughput, a fraction in (0, 1]
     * @param utilizationKind --utilization-kind: mfu (default: model FLOPs) or hfu (hardware FLOPs, recomputation
     *     included): which FLOPs --utilization counts
     * @param tokensPerSecondPerDevice --tokens-per-second-per-device: measured tokens per second per device
     */
    public record Throughput(Double utilization, UtilizationKind utilizationKind, Double tokensPerSecondPerDevice) {
        /** Nothing set. */
        public static final Throughput EMPTY = new Throughput(null, null, null);

        /**
         * The utilization and the token rate decide the rate, so an override that sets either replaces both, and
         * the kind that qualified the replaced utilization; the kind alone replaces only the kind.
         */
        Throughput overriddenBy(Throughput o) {
            boolean rate = o.utilization != null || o.tokensPerSecondPerDevice != null;
            return rate ? o : new Throughput(utilization, first(o.utilizationKind, utilizationKind),
                    tokensPerSecondPerDevice);
        }
    }

    /**
     * How an inference job decodes ({@code --mode inference}; see {@link DecodingRate}): each decoding step reads the
     * weights and every sequence's keys and values from memory and computes one token per sequence.
     *
     * @param batchSize --batch-size: sequences decoded together; default 1
     * @param contextTokens --context-tokens: tokens of context per sequence whose keys and values each step reads;
     *     default --seq-len
     * @param promptTokens --prompt-tokens: prompt tokens processed before decoding (prefill, bound by compute);
     *     default 0. --tokens counts the generated tokens
     * @param weightBytesPerParam --weight-bytes-per-param: bytes per weight as stored (1 for int8, 0.5 for int4);
     *     default the --precision's
     * @param memoryBandwidthEfficiency --memory-bandwidth-efficiency: fraction of the profile's memory bandwidth the
     *     decoding reaches
     */
    public record Inference(Integer batchSize, Integer contextTokens, Double promptTokens, Double weightBytesPerParam,
            Double memoryBandwidthEfficiency) {
        /** Nothing set. */
        public static final Inference EMPTY = new Inference(null, null, null, null, null);

        /** True when an option is set. */
        boolean anySet() {
            return !equals(EMPTY);
        }

        Inference overriddenBy(Inference o) {
            return new Inference(first(o.batchSize, batchSize), first(o.contextTokens, contextTokens),
                    first(o.promptTokens, promptTokens), first(o.weightBytesPerParam, weightBytesPerParam),
                    first(o.memoryBandwidthEfficiency, memoryBandwidthEfficiency));
        }
    }

    /**
     * The wall-clock duration, given instead of derived from FLOPs: one or the other.
     *
     * @param days --days: wall-clock duration in days
     * @param hours --hours: wall-clock duration in hours
     */
    public record Duration(Double days, Double hours) {
        /** Nothing set. */
        public static final Duration EMPTY = new Duration(null, null);

        /** Both options decide the duration, so an override that sets either replaces both. */
        Duration overriddenBy(Duration o) {
            return o.equals(EMPTY) ? this : o;
        }
    }

    /**
     * The price per device-hour and how device time is paid for.
     *
     * @param price --price: on-demand price in USD per device-hour (with on-prem: the rental price to compare with)
     * @param pricing --pricing: how device time is paid for; default on-demand
     * @param reservedDiscount --reserved-discount: reserved discount off the on-demand price, fraction in [0, 1)
     */
    public record Pricing(Double price, PricingModel pricing, Double reservedDiscount) {
        /** Nothing set. */
        public static final Pricing EMPTY = new Pricing(null, null, null);

        /** The pricing model, on-demand when not given. */
        public PricingModel pricingOrDefault() {
            return pricing == null ? PricingModel.ON_DEMAND : pricing;
        }

        Pricing overriddenBy(Pricing o) {
            return new Pricing(first(o.price, price), first(o.pricing, pricing), first(o.reservedDiscount, reservedDiscount));
        }
    }

    /**
     * Spot capacity: cheaper, and reclaimed now and then.
     *
     * @param spotDiscount --spot-discount: spot discount off the on-demand price, fraction in [0, 1)
     * @param spotInterruptionRate --spot-interruption-rate: fraction of spot instances reclaimed per month
     * @param devicesPerInstance --devices-per-instance: devices per spot instance (lost together)
     */
    public record Spot(Double spotDiscount, Double spotInterruptionRate, Integer devicesPerInstance) {
        /** Nothing set. */
        public static final Spot EMPTY = new Spot(null, null, null);

        Spot overriddenBy(Spot o) {
            return new Spot(first(o.spotDiscount, spotDiscount), first(o.spotInterruptionRate, spotInterruptionRate),
                    first(o.devicesPerInstance, devicesPerInstance));
        }
    }

    /**
     * Owned devices (see {@link OnPremisesCost}).
     *
     * @param purchasePrice --purchase-price: on-prem purchase price per device in USD
     * @param lifetimeYears --lifetime-years: on-prem amortization period in years
     * @param operationsUsdPerYear --operations-usd-per-year: on-prem operations cost per device per year in USD
     * @param useHoursPerYear --use-hours-per-year: hours per year an owned device is busy
     */
    public record OnPremises(Double purchasePrice, Double lifetimeYears, Double operationsUsdPerYear,
            Double useHoursPerYear) {
        /** Nothing set. */
        public static final OnPremises EMPTY = new OnPremises(null, null, null, null);

        OnPremises overriddenBy(OnPremises o) {
            return new OnPremises(first(o.purchasePrice, purchasePrice), first(o.lifetimeYears, lifetimeYears),
                    first(o.operationsUsdPerYear, operationsUsdPerYear), first(o.useHoursPerYear, useHoursPerYear));
        }
    }

    /**
     * Checkpoints and data kept in storage, and data moved out of the cloud.
     *
     * @param checkpointBytesPerParam --checkpoint-bytes-per-param: bytes per parameter in a checkpoint
     * @param checkpointsKept --checkpoints-kept: checkpoints kept in storage at once
     * @param storagePrice --storage-price: storage price in USD per GB-month
     * @param datasetGb --dataset-gb: dataset size in GB
     * @param egressGb --egress-gb: data moved out of the cloud in GB
     * @param egressPrice --egress-price: egress price in USD per GB
     */
    public record Storage(Double checkpointBytesPerParam, Integer checkpointsKept, Double storagePrice, Double datasetGb,
            Double egressGb, Double egressPrice) {
        /** Nothing set. */
        public static final Storage EMPTY = new Storage(null, null, null, null, null, null);

        Storage overriddenBy(Storage o) {
            return new Storage(first(o.checkpointBytesPerParam, checkpointBytesPerParam),
                    first(o.checkpointsKept, checkpointsKept), first(o.storagePrice, storagePrice),
                    first(o.datasetGb, datasetGb), first(o.egressGb, egressGb), first(o.egressPrice, egressPrice));
        }
    }

    /**
     * Failures, checkpoints and restarts (see {@link FailureModel}).
     *
     * @param deviceMtbfHours --device-mtbf-hours: device-hours between job interruptions caused by one device
     * @param checkpointIntervalHours --checkpoint-interval-hours: wall-clock hours between checkpoints
     * @param checkpointWriteSeconds --checkpoint-write-seconds: seconds the job stalls to write one checkpoint
     * @param restartMinutes --restart-minutes: minutes from an interruption to training again
     */
    public record Reliability(Double deviceMtbfHours, Double checkpointIntervalHours, Double checkpointWriteSeconds,
            Double restartMinutes) {
        /** Nothing set. */
        public static final Reliability EMPTY = new Reliability(null, null, null, null);

        Reliability overriddenBy(Reliability o) {
            return new Reliability(first(o.deviceMtbfHours, deviceMtbfHours),
                    first(o.checkpointIntervalHours, checkpointIntervalHours),
                    first(o.checkpointWriteSeconds, checkpointWriteSeconds), first(o.restartMinutes, restartMinutes));
        }
    }

    /**
     * What the slow and retry scenarios add to the base, and what runs beside the job.
     *
     * @param explorationMultiplier --exploration-multiplier: compute multiplier for exploratory and hyperparameter runs, >= 1
     * @param orchestrationFraction --orchestration-fraction: orchestration cost as a fraction of compute cost, >= 0
     * @param slowFactor --slow-factor: base / slow throughput, >= 1; default from the spread of published runs'
     *     utilization (or the profile's measurement)
     * @param overheadFactor --overhead-factor: device-hours published runs lost beyond their in-run rate and the
     *     failure model, >= 1; default fitted, within the device counts it was fitted on
     */
    public record Overheads(Double explorationMultiplier, Double orchestrationFraction, Double slowFactor,
            Double overheadFactor) {
        /** Nothing set. */
        public static final Overheads EMPTY = new Overheads(null, null, null, null);

        Overheads overriddenBy(Overheads o) {
            return new Overheads(first(o.explorationMultiplier, explorationMultiplier),
                    first(o.orchestrationFraction, orchestrationFraction), first(o.slowFactor, slowFactor),
                    first(o.overheadFactor, overheadFactor));
        }
    }

    /**
     * Power drawn, and what the energy costs and emits.
     *
     * @param powerW --power-w: device power in W (default: the hardware's TDP)
     * @param powerFraction --power-fraction: average power as a fraction of it
     * @param pue --pue: data-centre power usage effectiveness (facility / device energy), >= 1
     * @param electricityPrice --electricity-price: electricity price in USD per kWh
     * @param carbonIntensity --carbon-intensity: grid carbon intensity in kg CO2e per kWh
     */
    public record Energy(Double powerW, Double powerFraction, Double pue, Double electricityPrice, Double carbonIntensity) {
        /** Nothing set. */
        public static final Energy EMPTY = new Energy(null, null, null, null, null);

        Energy overriddenBy(Energy o) {
            return new Energy(first(o.powerW, powerW), first(o.powerFraction, powerFraction), first(o.pue, pue),
                    first(o.electricityPrice, electricityPrice), first(o.carbonIntensity, carbonIntensity));
        }
    }

    /**
     * The budget guardrail.
     *
     * @param budget --budget: budget in USD for the retry scenario
     */
    public record Guardrail(Double budget) {
        /** Nothing set. */
        public static final Guardrail EMPTY = new Guardrail(null);

        Guardrail overriddenBy(Guardrail o) {
            return new Guardrail(first(o.budget, budget));
        }
    }
}
