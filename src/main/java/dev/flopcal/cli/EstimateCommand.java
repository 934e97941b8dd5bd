package dev.flopcal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.flopcal.estimation.Estimate;
import dev.flopcal.estimation.EstimateReport;
import dev.flopcal.estimation.EstimateRequest;
import dev.flopcal.estimation.Estimator;
import dev.flopcal.estimation.JobFile;
import dev.flopcal.estimation.Optimizer;
import dev.flopcal.estimation.PricingModel;
import dev.flopcal.estimation.ProfileHardwareSource;
import dev.flopcal.estimation.UtilizationKind;
import dev.flopcal.estimation.WorkloadMode;
import dev.flopcal.profiles.ProfileStore;
import dev.flopcal.runs.PublishedRunFit;

/**
 * {@code calibrate estimate}: maps the options onto an {@link EstimateRequest} (merged over {@code --job}),
 * runs the {@link Estimator} and prints the table or the JSON. No arithmetic here.
 *
 * <p>Each concern of the request has a mixin whose options map onto its record, in the order the help lists
 * them. Words (mode, precision, pricing) stay text until the mapping parses them with the library's parsers, so a
 * bad word is an {@link dev.flopcal.core.InvalidInputException} with the same one-line message as from a job file.
 *
 * <p>Exit codes: 0, 2 for bad input, 3 when {@code --budget} is below the retry scenario's cost (the estimate
 * is printed in full first).
 */
@Command(name = "estimate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Estimates a training run's FLOPs, time, device-hours, memory per device, cost, energy and"
                + " emissions as a range (base, slow, retry), beside the spec-sheet answer. Every default is printed with"
                + " its source.",
            "Options can also come from a JSON job file (--job): keys are the long option names in camelCase without"
                + " dashes (--d-model -> \"dModel\"); options on the command line override the file."},
        footer = {"", "Exit codes: 0 ok, 2 bad input (also: a model whose states cannot fit even fully sharded over"
                + " --devices), 3 the retry scenario exceeds --budget."})
public final class EstimateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    private final Supplier<Estimator> estimator;

    @Option(names = "--job", paramLabel = "FILE", description = "JSON job file; options given here override it.")
    private Path job;

    @Mixin
    private WorkloadOptions workload;
    @Mixin
    private HardwareOptions hardware;
    @Mixin
    private ParallelismOptions parallelism;
    @Mixin
    private ThroughputOptions throughput;
    @Mixin
    private InferenceOptions inference;
    @Mixin
    private DurationOptions duration;
    @Mixin
    private PricingOptions pricing;
    @Mixin
    private SpotOptions spot;
    @Mixin
    private OnPremisesOptions onPremises;
    @Mixin
    private StorageOptions storage;
    @Mixin
    private ReliabilityOptions reliability;
    @Mixin
    private OverheadOptions overhead;
    @Mixin
    private EnergyOptions energy;

    // ---- guardrail and output
    @Option(names = "--budget", paramLabel = "USD", description = "Exit with code 3 when the retry scenario costs more.")
    private Double budget;
    @Option(names = "--json", description = "Print exactly one JSON object instead of the table.")
    private boolean json;

    /**
     * The command over the profiles under {@link Paths#results()}, the shipped catalog and the shipped published-run
     * fit.
     */
    public EstimateCommand() {
        this(() -> new Estimator(new ProfileHardwareSource(new ProfileStore(Paths.results())), PublishedRunFit.shipped()));
    }

    /** The command over another estimator, e.g. one over another results directory. */
    public EstimateCommand(Supplier<Estimator> estimator) {
        this.estimator = estimator;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // the file is read before the flags' words are parsed: its errors come first, as they always have
        EstimateRequest file = job == null ? EstimateRequest.EMPTY : JobFile.read(job);
        EstimateRequest request = file.overriddenBy(flags());
        Estimate estimate = estimator.get().estimate(request);
        if (json) {
            out.println(EstimateReport.json(estimate));
        } else {
            out.print(EstimateReport.table(estimate));
        }
        out.flush();
        if (estimate.budget() != null && estimate.budget().exceeded()) {
            err.println(String.format(Locale.ROOT, "calibrate: the retry scenario (%.0f USD) exceeds --budget %.0f USD",
                    estimate.budget().retryCostUsd(), estimate.budget().budgetUsd()));
            return ExitCodes.OVER_BUDGET;
        }
        return ExitCodes.OK;
    }

    /** The options given on the command line, words parsed. */
    private EstimateRequest flags() {
        return new EstimateRequest(workload.request(), hardware.request(), parallelism.request(), throughput.request(),
                inference.request(), duration.request(), pricing.request(), spot.request(), onPremises.request(),
                storage.request(), reliability.request(), overhead.request(), energy.request(),
                new EstimateRequest.Guardrail(budget));
    }

    /** Options for what is computed: {@link EstimateRequest.Job}. */
    static final class WorkloadOptions {
        @Option(names = "--flops", paramLabel = "F", description = "Total FLOPs of the job (instead of --params/--tokens).")
        private Double flops;
        @Option(names = "--params", paramLabel = "N", description = "Total parameters (count).")
        private Double params;
        @Option(names = "--active-params", paramLabel = "NA",
                description = "Active parameters per token (mixture-of-experts).")
        private Double activeParams;
        @Option(names = "--tokens", paramLabel = "D", description = "Tokens processed (count); for --mode inference, the"
                + " tokens generated.")
        private Double tokens;
        @Option(names = "--layers", paramLabel = "L",
                description = "Transformer layers (with --d-model, --seq-len: attention term).")
        private Integer layers;
        @Option(names = "--d-model", paramLabel = "D_MODEL", description = "Model width (hidden size).")
        private Integer dModel;
        @Option(names = "--seq-len", paramLabel = "T", description = "Sequence length in tokens.")
        private Integer seqLen;
        @Option(names = "--recompute", description = "Activation recomputation: one more forward pass of hardware FLOPs"
                + " (8·N·D, JSON hardwareFlops; the model FLOPs stay 6·N·D). Changes the time only with --utilization-kind"
                + " hfu or a measured profile; less activation memory.")
        private Boolean recompute;
        @Option(names = "--mode", paramLabel = "MODE", description = "training (default; also full fine-tuning), lora (adapter"
                + " fine-tuning: 4·N per token) or inference (2·N per token).")
        private String mode;

        EstimateRequest.Job request() {
            return new EstimateRequest.Job(flops, params, activeParams, tokens, layers, dModel, seqLen, recompute,
                    mode == null ? null : WorkloadMode.parse(mode));
        }
    }

    /** Options for which devices: {@link EstimateRequest.Hardware}. */
    static final class HardwareOptions {
        @Option(names = "--profile", paramLabel = "ID|FILE", description = "Hardware: a profile file, the id of a profile"
                + " under results/profiles/, or an accelerators.csv id, e.g. h100-sxm-80gb.")
        private String profile;
        @Option(names = "--precision", paramLabel = "P", description = "fp64, fp32, tf32, bf16 (default), fp16, fp8, int8.")
        private String precision;
        @Option(names = "--devices", paramLabel = "K", description = "Accelerators used at once (required).")
        private Integer devices;

        EstimateRequest.Hardware request() {
            return new EstimateRequest.Hardware(profile,
                    precision == null ? null : EstimateRequest.Hardware.parsePrecision(precision), devices);
        }
    }

    /** Options for the memory layout of a training job: {@link EstimateRequest.Parallelism}. */
    static final class ParallelismOptions {
        @Option(names = "--optimizer", paramLabel = "NAME", description = "adam (default; also adamw), sgd (momentum),"
                + " lion or adafactor: the optimizer states in memory.")
        private String optimizer;
        @Option(names = "--zero-stage", paramLabel = "0..3", description = "ZeRO stage: 1 shards optimizer states, 2 also"
                + " gradients, 3 (FSDP) also weights over the data-parallel devices. Default: the lowest that fits.")
        private Integer zeroStage;
        @Option(names = "--tensor-parallel", paramLabel = "T", description = "Devices each layer is split over, default 1.")
        private Integer tensorParallel;
        @Option(names = "--pipeline-parallel", paramLabel = "P", description = "Pipeline stages, default 1.")
        private Integer pipelineParallel;
        @Option(names = "--micro-batch-size", paramLabel = "B", description = "Sequences per device per step, for the"
                + " activation memory (with --layers, --d-model, --seq-len).")
        private Integer microBatchSize;

        EstimateRequest.Parallelism request() {
            return new EstimateRequest.Parallelism(optimizer == null ? null : Optimizer.parse(optimizer), zeroStage,
                    tensorParallel, pipelineParallel, microBatchSize);
        }
    }

    /** Options for the achieved rate, when known: {@link EstimateRequest.Throughput}. */
    static final class ThroughputOptions {
        @Option(names = "--utilization", paramLabel = "U", description = "Achieved / nominal throughput, in (0, 1]."
                + " Default: the profile's measured figure, else the in-run MFU predicted from published runs.")
        private Double utilization;
        @Option(names = "--utilization-kind", paramLabel = "KIND", description = "mfu (default: model FLOPs) or hfu"
                + " (hardware FLOPs, recomputation included): what --utilization counts.")
        private String utilizationKind;
        @Option(names = "--tokens-per-second-per-device", paramLabel = "R", description = "Measured tokens/s per device.")
        private Double tokensPerSecondPerDevice;

        EstimateRequest.Throughput request() {
            return new EstimateRequest.Throughput(utilization,
                    utilizationKind == null ? null : UtilizationKind.parse(utilizationKind), tokensPerSecondPerDevice);
        }
    }

    /** Options for decoding, with --mode inference: {@link EstimateRequest.Inference}. */
    static final class InferenceOptions {
        @Option(names = "--batch-size", paramLabel = "B", description = "Inference: sequences decoded together, default 1.")
        private Integer batchSize;
        @Option(names = "--context-tokens", paramLabel = "C", description = "Inference: context per sequence whose keys and"
                + " values each step reads, default --seq-len.")
        private Integer contextTokens;
        @Option(names = "--prompt-tokens", paramLabel = "P", description = "Inference: prompt tokens processed before"
                + " decoding (bound by compute), default 0.")
        private Double promptTokens;
        @Option(names = "--weight-bytes-per-param", paramLabel = "BYTES", description = "Inference: bytes per stored weight"
                + " (1 int8, 0.5 int4), default the --precision's.")
        private Double weightBytesPerParam;
        @Option(names = "--memory-bandwidth-efficiency", paramLabel = "FRACTION", description = "Inference: fraction of the"
                + " memory bandwidth decoding reaches, default 0.685 of a datasheet figure, 1 of a measured one.")
        private Double memoryBandwidthEfficiency;

        EstimateRequest.Inference request() {
            return new EstimateRequest.Inference(batchSize, contextTokens, promptTokens, weightBytesPerParam,
                    memoryBandwidthEfficiency);
        }
    }

    /** Options for the wall-clock time, when given: {@link EstimateRequest.Duration}. */
    static final class DurationOptions {
        @Option(names = "--days", paramLabel = "DAYS", description = "Wall-clock days (then FLOPs are optional).")
        private Double days;
        @Option(names = "--hours", paramLabel = "HOURS", description = "Wall-clock hours (then FLOPs are optional).")
        private Double hours;

        EstimateRequest.Duration request() {
            return new EstimateRequest.Duration(days, hours);
        }
    }

    /** Options for the price and how it is paid: {@link EstimateRequest.Pricing}. */
    static final class PricingOptions {
        @Option(names = "--price", paramLabel = "USD", description = "On-demand price in USD per device-hour (with --pricing"
                + " on-prem: the rental price the break-even compares with).")
        private Double price;
        @Option(names = "--pricing", paramLabel = "MODEL", description = "on-demand (default), reserved, spot or on-prem.")
        private String pricing;
        @Option(names = "--reserved-discount", paramLabel = "FRACTION", description = "Reserved discount, default 0.57.")
        private Double reservedDiscount;

        EstimateRequest.Pricing request() {
            return new EstimateRequest.Pricing(price, pricing == null ? null : PricingModel.parse(pricing), reservedDiscount);
        }
    }

    /** Options for spot capacity: {@link EstimateRequest.Spot}. */
    static final class SpotOptions {
        @Option(names = "--spot-discount", paramLabel = "FRACTION", description = "Spot discount, default 0.60.")
        private Double spotDiscount;
        @Option(names = "--spot-interruption-rate", paramLabel = "FRACTION", description = "Spot instances reclaimed per"
                + " month, default 0.05.")
        private Double spotInterruptionRate;
        @Option(names = "--devices-per-instance", paramLabel = "N", description = "Devices per spot instance, default 8.")
        private Integer devicesPerInstance;

        EstimateRequest.Spot request() {
            return new EstimateRequest.Spot(spotDiscount, spotInterruptionRate, devicesPerInstance);
        }
    }

    /** Options for owned devices: {@link EstimateRequest.OnPremises}. */
    static final class OnPremisesOptions {
        @Option(names = "--purchase-price", paramLabel = "USD", description = "On-prem: purchase price per device in USD.")
        private Double purchasePrice;
        @Option(names = "--lifetime-years", paramLabel = "YEARS", description = "On-prem: amortization period, default 5.")
        private Double lifetimeYears;
        @Option(names = "--operations-usd-per-year", paramLabel = "USD", description = "On-prem: operations per device per"
                + " year in USD (staff, space, maintenance, network).")
        private Double operationsUsdPerYear;
        @Option(names = "--use-hours-per-year", paramLabel = "HOURS", description = "On-prem: hours a year a device is busy,"
                + " default 8760.")
        private Double useHoursPerYear;

        EstimateRequest.OnPremises request() {
            return new EstimateRequest.OnPremises(purchasePrice, lifetimeYears, operationsUsdPerYear, useHoursPerYear);
        }
    }

    /** Options for storage and egress: {@link EstimateRequest.Storage}. */
    static final class StorageOptions {
        @Option(names = "--checkpoint-bytes-per-param", paramLabel = "BYTES", description = "Checkpoint bytes per parameter,"
                + " default 14.")
        private Double checkpointBytesPerParam;
        @Option(names = "--checkpoints-kept", paramLabel = "N", description = "Checkpoints kept at once, default 2.")
        private Integer checkpointsKept;
        @Option(names = "--storage-price", paramLabel = "USD", description = "Storage in USD per GB-month, default 0.023.")
        private Double storagePrice;
        @Option(names = "--dataset-gb", paramLabel = "GB", description = "Dataset size in GB, default tokens × 4 bytes.")
        private Double datasetGb;
        @Option(names = "--egress-gb", paramLabel = "GB", description = "Data moved out of the cloud in GB, default 0.")
        private Double egressGb;
        @Option(names = "--egress-price", paramLabel = "USD", description = "Egress in USD per GB, default 0.09.")
        private Double egressPrice;

        EstimateRequest.Storage request() {
            return new EstimateRequest.Storage(checkpointBytesPerParam, checkpointsKept, storagePrice, datasetGb, egressGb,
                    egressPrice);
        }
    }

    /** Options for failures, checkpoints and restarts: {@link EstimateRequest.Reliability}. */
    static final class ReliabilityOptions {
        @Option(names = "--device-mtbf-hours", paramLabel = "HOURS", description = "Device-hours between job interruptions"
                + " caused by one device, default 45566 (Llama 3).")
        private Double deviceMtbfHours;
        @Option(names = "--checkpoint-interval-hours", paramLabel = "HOURS", description = "Hours between checkpoints,"
                + " default the Young/Daly optimum.")
        private Double checkpointIntervalHours;
        @Option(names = "--checkpoint-write-seconds", paramLabel = "S", description = "Stall per checkpoint in seconds,"
                + " default size / (devices × 0.122 GB/s).")
        private Double checkpointWriteSeconds;
        @Option(names = "--restart-minutes", paramLabel = "MIN", description = "Minutes from interruption to training,"
                + " default 16.7.")
        private Double restartMinutes;

        EstimateRequest.Reliability request() {
            return new EstimateRequest.Reliability(deviceMtbfHours, checkpointIntervalHours, checkpointWriteSeconds,
                    restartMinutes);
        }
    }

    /** Options for multipliers on the base scenario: {@link EstimateRequest.Overheads}. */
    static final class OverheadOptions {
        @Option(names = "--exploration-multiplier", paramLabel = "X", description = "Compute multiplier for exploratory and"
                + " hyperparameter runs, default 1.")
        private Double explorationMultiplier;
        @Option(names = "--orchestration-fraction", paramLabel = "FRACTION", description = "Orchestration cost as a fraction"
                + " of compute cost, default 0.")
        private Double orchestrationFraction;
        @Option(names = "--slow-factor", paramLabel = "X", description = "Slow scenario: base throughput / a slow run's."
                + " Default: predicted utilization / its one-sided 95% lower prediction bound from published runs on the"
                + " hardware (a measured profile: its measurement error).")
        private Double slowFactor;
        @Option(names = "--overhead-factor", paramLabel = "X", description = "Retry scenario: device-hours published runs"
                + " lost beyond their in-run rate and the failure model. Default fitted, applied only within the device"
                + " counts of those runs.")
        private Double overheadFactor;

        EstimateRequest.Overheads request() {
            return new EstimateRequest.Overheads(explorationMultiplier, orchestrationFraction, slowFactor, overheadFactor);
        }
    }

    /** Options for power, electricity and carbon: {@link EstimateRequest.Energy}. */
    static final class EnergyOptions {
        @Option(names = "--power-w", paramLabel = "W", description = "Device power in W, default the profile's TDP.")
        private Double powerW;
        @Option(names = "--power-fraction", paramLabel = "FRACTION", description = "Average power / that power, default 1:"
                + " device energy = power × fraction × hours.")
        private Double powerFraction;
        @Option(names = "--pue", paramLabel = "PUE", description = "Data-centre PUE: facility energy = device energy × PUE,"
                + " default 1.58.")
        private Double pue;
        @Option(names = "--electricity-price", paramLabel = "USD", description = "USD per kWh, default 0.0806.")
        private Double electricityPrice;
        @Option(names = "--carbon-intensity", paramLabel = "KG", description = "kg CO2e per kWh, default 0.481.")
        private Double carbonIntensity;

        EstimateRequest.Energy request() {
            return new EstimateRequest.Energy(powerW, powerFraction, pue, electricityPrice, carbonIntensity);
        }
    }
}
