package dev.flopcal.estimation;

import java.util.List;

import dev.flopcal.core.InvalidInputException;

/**
 * The input checks of an {@link EstimateRequest}, made before anything is computed: each value in its range, and
 * no two options that contradict each other. Messages name the option as its flag and the value as given.
 */
final class RequestChecks {
    private RequestChecks() {
    }

    /**
     * Checks ranges, then combinations.
     *
     * @throws InvalidInputException naming the first bad option and its value
     */
    static void check(EstimateRequest r) {
        checkRanges(r);
        checkCombinations(r);
    }

    // the order is the order in which problems are reported when several options are bad at once
    private static void checkRanges(EstimateRequest r) {
        EstimateRequest.Job job = r.job();
        EstimateRequest.Hardware hardware = r.hardware();
        EstimateRequest.Throughput throughput = r.throughput();
        EstimateRequest.Duration duration = r.duration();
        EstimateRequest.Pricing pricing = r.pricing();
        EstimateRequest.Spot spot = r.spot();
        EstimateRequest.OnPremises onPremises = r.onPremises();
        EstimateRequest.Storage storage = r.storage();
        EstimateRequest.Reliability reliability = r.reliability();
        EstimateRequest.Overheads overheads = r.overheads();
        EstimateRequest.Energy energy = r.energy();
        if (hardware.devices() == null) {
            throw new InvalidInputException("--devices is required: the number of accelerators used at once");
        }
        Checks.atLeast("devices", hardware.devices(), 1);
        Checks.positive("flops", job.flops());
        Checks.positive("params", job.params());
        Checks.positive("activeParams", job.activeParams());
        Checks.positive("tokens", job.tokens());
        Checks.positive("tokensPerSecondPerDevice", throughput.tokensPerSecondPerDevice());
        Checks.positive("days", duration.days());
        Checks.positive("hours", duration.hours());
        Checks.positive("price", pricing.price());
        Checks.positive("purchasePrice", onPremises.purchasePrice());
        Checks.positive("lifetimeYears", onPremises.lifetimeYears());
        Checks.positive("checkpointBytesPerParam", storage.checkpointBytesPerParam());
        Checks.positive("deviceMtbfHours", reliability.deviceMtbfHours());
        Checks.positive("checkpointIntervalHours", reliability.checkpointIntervalHours());
        Checks.positive("powerW", energy.powerW());
        Checks.positive("budget", r.guardrail().budget());
        EstimateRequest.Parallelism parallelism = r.parallelism();
        EstimateRequest.Inference inference = r.inference();
        Checks.range("zeroStage", parallelism.zeroStage(), 0, 3);
        Checks.atLeast("tensorParallel", parallelism.tensorParallel(), 1);
        Checks.atLeast("pipelineParallel", parallelism.pipelineParallel(), 1);
        Checks.atLeast("microBatchSize", parallelism.microBatchSize(), 1);
        Checks.atLeast("batchSize", inference.batchSize(), 1);
        Checks.atLeast("contextTokens", inference.contextTokens(), 0);
        Checks.atLeast("promptTokens", inference.promptTokens(), 0);
        Checks.positive("weightBytesPerParam", inference.weightBytesPerParam());
        Checks.range("memoryBandwidthEfficiency", inference.memoryBandwidthEfficiency(), 0, true, 1);
        Checks.atLeast("layers", job.layers(), 1);
        Checks.atLeast("dModel", job.dModel(), 1);
        Checks.atLeast("seqLen", job.seqLen(), 1);
        Checks.atLeast("devicesPerInstance", spot.devicesPerInstance(), 1);
        Checks.atLeast("checkpointsKept", storage.checkpointsKept(), 0);
        Checks.range("utilization", throughput.utilization(), 0, true, 1);
        Checks.fraction("reservedDiscount", pricing.reservedDiscount());
        Checks.fraction("spotDiscount", spot.spotDiscount());
        Checks.atLeast("spotInterruptionRate", spot.spotInterruptionRate(), 0);
        Checks.atLeast("operationsUsdPerYear", onPremises.operationsUsdPerYear(), 0);
        Checks.range("useHoursPerYear", onPremises.useHoursPerYear(), 0, true, 8784);
        Checks.atLeast("storagePrice", storage.storagePrice(), 0);
        Checks.atLeast("datasetGb", storage.datasetGb(), 0);
        Checks.atLeast("egressGb", storage.egressGb(), 0);
        Checks.atLeast("egressPrice", storage.egressPrice(), 0);
        Checks.atLeast("checkpointWriteSeconds", reliability.checkpointWriteSeconds(), 0);
        Checks.atLeast("restartMinutes", reliability.restartMinutes(), 0);
        Checks.atLeast("explorationMultiplier", overheads.explorationMultiplier(), 1);
        Checks.atLeast("orchestrationFraction", overheads.orchestrationFraction(), 0);
        Checks.atLeast("slowFactor", overheads.slowFactor(), 1);
        Checks.atLeast("overheadFactor", overheads.overheadFactor(), 1);
        Checks.range("powerFraction", energy.powerFraction(), 0, true, 2);
        Checks.atLeast("pue", energy.pue(), 1);
        Checks.atLeast("electricityPrice", energy.electricityPrice(), 0);
        Checks.atLeast("carbonIntensity", energy.carbonIntensity(), 0);
    }

    private static void checkCombinations(EstimateRequest r) {
        EstimateRequest.Job job = r.job();
        Given flops = new Given("flops", job.flops());
        Given params = new Given("params", job.params());
        List<Given> modelDetails = List.of(new Given("activeParams", job.activeParams()), new Given("layers", job.layers()),
                new Given("dModel", job.dModel()), new Given("seqLen", job.seqLen()), new Given("recompute", job.recompute()));
        Given days = new Given("days", r.duration().days());
        Given hours = new Given("hours", r.duration().hours());
        Given utilization = new Given("utilization", r.throughput().utilization());
        Given tokensPerSecond = new Given("tokensPerSecondPerDevice", r.throughput().tokensPerSecondPerDevice());

        contradiction(flops, params);
        contradiction(flops, modelDetails.toArray(Given[]::new));
        contradiction(days, hours);
        contradiction(days, utilization, tokensPerSecond);
        contradiction(hours, utilization, tokensPerSecond);
        contradiction(utilization, tokensPerSecond);
        if (!params.set() && !flops.set()) {
            for (Given option : modelDetails) {
                if (option.set()) {
                    throw new InvalidInputException(option + " needs --params (the total parameter count)");
                }
            }
        }
        if (params.set() && job.tokens() == null) {
            throw new InvalidInputException(params + " needs --tokens: FLOPs = 6·N·D");
        }
        if (!flops.set() && !params.set() && !days.set() && !hours.set()) {
            throw new InvalidInputException("nothing to estimate: give --flops, --params with --tokens, or a duration with"
                    + " --days or --hours");
        }
        WorkloadMode mode = job.modeOrDefault();
        EstimateRequest.Parallelism parallelism = r.parallelism();
        EstimateRequest.Inference inference = r.inference();
        List<Given> layout = List.of(new Given("optimizer", parallelism.optimizer()),
                new Given("zeroStage", parallelism.zeroStage()), new Given("tensorParallel", parallelism.tensorParallel()),
                new Given("pipelineParallel", parallelism.pipelineParallel()),
                new Given("microBatchSize", parallelism.microBatchSize()));
        List<Given> decoding = List.of(new Given("batchSize", inference.batchSize()),
                new Given("contextTokens", inference.contextTokens()), new Given("promptTokens", inference.promptTokens()),
                new Given("weightBytesPerParam", inference.weightBytesPerParam()),
                new Given("memoryBandwidthEfficiency", inference.memoryBandwidthEfficiency()));
        for (Given option : layout) {
            if (option.set() && !params.set()) {
                throw new InvalidInputException(option + " needs --params: the memory per device follows from the model"
                        + " size");
            }
        }
        for (Given option : layout.subList(0, 2)) {
            if (option.set() && mode != WorkloadMode.TRAINING) {
                throw new InvalidInputException(option + " applies to --mode training, not " + mode.id());
            }
        }
        if (layout.get(4).set() && mode == WorkloadMode.INFERENCE) {
            throw new InvalidInputException(layout.get(4) + " applies to training (give --batch-size for inference)");
        }
        for (Given option : decoding) {
            if (option.set() && mode != WorkloadMode.INFERENCE) {
                throw new InvalidInputException(option + " applies to --mode inference, not " + mode.id());
            }
        }
        if (r.throughput().utilizationKind() != null && r.throughput().utilization() == null) {
            throw new InvalidInputException(new Given("utilizationKind", r.throughput().utilizationKind())
                    + " says which FLOPs --utilization counts: give --utilization");
        }
        if (mode != WorkloadMode.TRAINING && r.storage().checkpointBytesPerParam() != null) {
            throw new InvalidInputException(new Given("checkpointBytesPerParam", r.storage().checkpointBytesPerParam())
                    + " applies to --mode training, not " + mode.id() + " (give --checkpoint-write-seconds instead)");
        }
        PricingModel pricing = r.pricing().pricingOrDefault();
        EstimateRequest.Spot spot = r.spot();
        EstimateRequest.OnPremises owned = r.onPremises();
        onlyWith(pricing, PricingModel.RESERVED, new Given("reservedDiscount", r.pricing().reservedDiscount()));
        onlyWith(pricing, PricingModel.SPOT, new Given("spotDiscount", spot.spotDiscount()),
                new Given("spotInterruptionRate", spot.spotInterruptionRate()),
                new Given("devicesPerInstance", spot.devicesPerInstance()));
        onlyWith(pricing, PricingModel.ON_PREMISES, new Given("purchasePrice", owned.purchasePrice()),
                new Given("lifetimeYears", owned.lifetimeYears()), new Given("operationsUsdPerYear", owned.operationsUsdPerYear()),
                new Given("useHoursPerYear", owned.useHoursPerYear()));
        if (pricing == PricingModel.ON_PREMISES && (owned.purchasePrice() == null || owned.operationsUsdPerYear() == null)) {
            throw new InvalidInputException("--pricing on-prem needs --purchase-price (USD per device) and"
                    + " --operations-usd-per-year (USD per device per year: staff, space, maintenance, networking; no"
                    + " public default exists, pass 0 to leave it out)");
        }
    }

    private static void contradiction(Given option, Given... others) {
        if (!option.set()) {
            return;
        }
        for (Given other : others) {
            if (other.set()) {
                throw new InvalidInputException(option + " contradicts " + other + ": give one or the other");
            }
        }
    }

    private static void onlyWith(PricingModel pricing, PricingModel required, Given... options) {
        for (Given option : options) {
            if (option.set() && pricing != required) {
                throw new InvalidInputException(option + " applies to --pricing " + required.id() + ", not " + pricing.id());
            }
        }
    }

    /** An option as given: its key and value (null when not given); prints as the user typed it. */
    private record Given(String key, Object value) {
        boolean set() {
            return value != null;
        }

        @Override
        public String toString() {
            return Checks.given(key, value);
        }
    }
}
