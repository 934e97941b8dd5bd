package dev.flopcal.estimation;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Everything an estimate can be asked for: the options model shared by the command line ({@code calibrate
 * estimate --flag}) and job files ({@link JobFile}, keys = the long flag names in camelCase without the
 * dashes, e.g. {@code --d-model} = {@code "dModel"}). Every component is null when not given; the
 * {@link Estimator} checks ranges and combinations and fills in documented defaults.
 *
 * @param flops --flops: training (or inference) FLOPs, given directly; excludes params and the architecture
 * @param params --params: total model parameters (count)
 * @param activeParams --active-params: parameters active per token, for mixture-of-experts models (count)
 * @param tokens --tokens: tokens processed (count)
 * @param layers --layers: transformer layers, for the attention term
 * @param dModel --d-model: model width (hidden size), for the attention term
 * @param seqLen --seq-len: sequence length in tokens, for the attention term
 * @param recompute --recompute: true: activation recomputation adds a forward pass
 * @param mode --mode: training, lora (adapter fine-tuning) or inference; default training
 * @param profile --profile: hardware id or profile file
 * @param precision --precision: fp64, fp32, tf32, bf16, fp16, fp8 or int8; default bf16
 * @param devices --devices: accelerators used at once
 * @param utilization --utilization: achieved / nominal throughput, a fraction in (0, 1]
 * @param tokensPerSecondPerDevice --tokens-per-second-per-device: measured tokens per second per device
 * @param days --days: wall-clock duration in days, instead of deriving it from FLOPs
 * @param hours --hours: wall-clock duration in hours, instead of deriving it from FLOPs
 * @param price --price: on-demand price in USD per device-hour (with on-prem: the rental price to compare with)
 * @param pricing --pricing: on-demand, reserved, spot or on-prem; default on-demand
 * @param reservedDiscount --reserved-discount: reserved discount off the on-demand price, fraction in [0, 1)
 * @param spotDiscount --spot-discount: spot discount off the on-demand price, fraction in [0, 1)
 * @param spotInterruptionRate --spot-interruption-rate: fraction of spot instances reclaimed per month
 * @param devicesPerInstance --devices-per-instance: devices per spot instance (lost together)
 * @param purchasePrice --purchase-price: on-prem purchase price per device in USD
 * @param lifetimeYears --lifetime-years: on-prem amortization period in years
 * @param operationsUsdPerYear --operations-usd-per-year: on-prem operations cost per device per year in USD
 * @param useHoursPerYear --use-hours-per-year: hours per year an owned device is busy
 * @param checkpointBytesPerParam --checkpoint-bytes-per-param: bytes per parameter in a checkpoint
 * @param checkpointsKept --checkpoints-kept: checkpoints kept in storage at once
 * @param storagePrice --storage-price: storage price in USD per GB-month
 * @param datasetGb --dataset-gb: dataset size in GB
 * @param egressGb --egress-gb: data moved out of the cloud in GB
 * @param egressPrice --egress-price: egress price in USD per GB
 * @param deviceMtbfHours --device-mtbf-hours: device-hours between job interruptions caused by one device
 * @param checkpointIntervalHours --checkpoint-interval-hours: wall-clock hours between checkpoints
 * @param checkpointWriteSeconds --checkpoint-write-seconds: seconds the job stalls to write one checkpoint
 * @param restartMinutes --restart-minutes: minutes from an interruption to training again
 * @param explorationMultiplier --exploration-multiplier: compute multiplier for exploratory and hyperparameter runs, >= 1
 * @param orchestrationFraction --orchestration-fraction: orchestration cost as a fraction of compute cost, >= 0
 * @param slowFactor --slow-factor: override of the fitted slow-scenario factor, >= 1
 * @param overheadFactor --overhead-factor: override of the fitted overhead factor, >= 1
 * @param powerW --power-w: device power in W (default: the hardware's TDP)
 * @param powerFraction --power-fraction: average power as a fraction of it
 * @param pue --pue: data-centre power usage effectiveness, >= 1
 * @param electricityPrice --electricity-price: electricity price in USD per kWh
 * @param carbonIntensity --carbon-intensity: grid carbon intensity in kg CO2e per kWh
 * @param budget --budget: budget in USD for the retry scenario
 */
public record EstimateRequest(
        Double flops,
        Double params,
        Double activeParams,
        Double tokens,
        Integer layers,
        Integer dModel,
        Integer seqLen,
        Boolean recompute,
        String mode,
        String profile,
        String precision,
        Integer devices,
        Double utilization,
        Double tokensPerSecondPerDevice,
        Double days,
        Double hours,
        Double price,
        String pricing,
        Double reservedDiscount,
        Double spotDiscount,
        Double spotInterruptionRate,
        Integer devicesPerInstance,
        Double purchasePrice,
        Double lifetimeYears,
        Double operationsUsdPerYear,
        Double useHoursPerYear,
        Double checkpointBytesPerParam,
        Integer checkpointsKept,
        Double storagePrice,
        Double datasetGb,
        Double egressGb,
        Double egressPrice,
        Double deviceMtbfHours,
        Double checkpointIntervalHours,
        Double checkpointWriteSeconds,
        Double restartMinutes,
        Double explorationMultiplier,
        Double orchestrationFraction,
        Double slowFactor,
        Double overheadFactor,
        Double powerW,
        Double powerFraction,
        Double pue,
        Double electricityPrice,
        Double carbonIntensity,
        Double budget) {

    /** A request with nothing set. */
    public static final EstimateRequest EMPTY = builder().build();

    /** Keys that decide the same thing: when the overriding request sets one, the others are dropped too. */
    private static final List<Set<String>> OVERRIDE_GROUPS = List.of(
            Set.of("days", "hours"),
            Set.of("utilization", "tokensPerSecondPerDevice"));
    private static final Set<String> MODEL_SIZE = Set.of("params", "activeParams", "layers", "dModel", "seqLen", "recompute");

    /** A builder with nothing set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The option names, i.e. the job-file keys, in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(EstimateRequest.class.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /**
     * This request with every option that {@code override} sets replaced: flags override the job file.
     * Options that decide the same thing override each other as a group: {@code --hours} drops the file's
     * {@code days} (and the reverse), {@code --utilization} drops {@code tokensPerSecondPerDevice} (and the
     * reverse), {@code --flops} drops the file's model size ({@code params}, {@code activeParams},
     * {@code layers}, {@code dModel}, {@code seqLen}, {@code recompute}) and any of those drops its
     * {@code flops}.
     */
    public EstimateRequest overriddenBy(EstimateRequest override) {
        RecordComponent[] components = EstimateRequest.class.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String key = components[i].getName();
            Object mine = get(components[i], this);
            Object theirs = get(components[i], override);
            values[i] = theirs != null ? theirs : droppedBy(key, override) ? null : mine;
        }
        try {
            Constructor<EstimateRequest> constructor = EstimateRequest.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy EstimateRequest", e);
        }
    }

    private static boolean droppedBy(String key, EstimateRequest override) {
        for (Set<String> group : OVERRIDE_GROUPS) {
            if (group.contains(key) && group.stream().anyMatch(k -> override.isSet(k))) {
                return true;
            }
        }
        if (key.equals("flops")) {
            return MODEL_SIZE.stream().anyMatch(override::isSet);
        }
        return MODEL_SIZE.contains(key) && override.isSet("flops");
    }

    /** True when the option with this key is set. */
    public boolean isSet(String key) {
        return value(key) != null;
    }

    /**
     * The value of the option with this key, null when not set.
     *
     * @throws IllegalArgumentException when there is no such option
     */
    public Object value(String key) {
        for (RecordComponent component : EstimateRequest.class.getRecordComponents()) {
            if (component.getName().equals(key)) {
                return get(component, this);
            }
        }
        throw new IllegalArgumentException("no option " + key);
    }

    private static Object get(RecordComponent component, EstimateRequest request) {
        try {
            return component.getAccessor().invoke(request);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    /** Mutable builder; {@link #build()} makes the immutable request. Unset options stay null. */
    public static final class Builder {
        private Double flops;
        private Double params;
        private Double activeParams;
        private Double tokens;
        private Integer layers;
        private Integer dModel;
        private Integer seqLen;
        private Boolean recompute;
        private String mode;
        private String profile;
        private String precision;
        private Integer devices;
        private Double utilization;
        private Double tokensPerSecondPerDevice;
        private Double days;
        private Double hours;
        private Double price;
        private String pricing;
        private Double reservedDiscount;
        private Double spotDiscount;
        private Double spotInterruptionRate;
        private Integer devicesPerInstance;
        private Double purchasePrice;
        private Double lifetimeYears;
        private Double operationsUsdPerYear;
        private Double useHoursPerYear;
        private Double checkpointBytesPerParam;
        private Integer checkpointsKept;
        private Double storagePrice;
        private Double datasetGb;
        private Double egressGb;
        private Double egressPrice;
        private Double deviceMtbfHours;
        private Double checkpointIntervalHours;
        private Double checkpointWriteSeconds;
        private Double restartMinutes;
        private Double explorationMultiplier;
        private Double orchestrationFraction;
        private Double slowFactor;
        private Double overheadFactor;
        private Double powerW;
        private Double powerFraction;
        private Double pue;
        private Double electricityPrice;
        private Double carbonIntensity;
        private Double budget;

        private Builder() {
        }

        /** --flops: training (or inference) FLOPs, given directly; excludes params and the architecture. */
        public Builder flops(Double value) {
            this.flops = value;
            return this;
        }

        /** --params: total model parameters (count). */
        public Builder params(Double value) {
            this.params = value;
            return this;
        }

        /** --active-params: parameters active per token, for mixture-of-experts models (count). */
        public Builder activeParams(Double value) {
            this.activeParams = value;
            return this;
        }

        /** --tokens: tokens processed (count). */
        public Builder tokens(Double value) {
            this.tokens = value;
            return this;
        }

        /** --layers: transformer layers, for the attention term. */
        public Builder layers(Integer value) {
            this.layers = value;
            return this;
        }

        /** --d-model: model width (hidden size), for the attention term. */
        public Builder dModel(Integer value) {
            this.dModel = value;
            return this;
        }

        /** --seq-len: sequence length in tokens, for the attention term. */
        public Builder seqLen(Integer value) {
            this.seqLen = value;
            return this;
        }

        /** --recompute: true: activation recomputation adds a forward pass. */
        public Builder recompute(Boolean value) {
            this.recompute = value;
            return this;
        }

        /** --mode: training, lora (adapter fine-tuning) or inference; default training. */
        public Builder mode(String value) {
            this.mode = value;
            return this;
        }

        /** --profile: hardware id or profile file. */
        public Builder profile(String value) {
            this.profile = value;
            return this;
        }

        /** --precision: fp64, fp32, tf32, bf16, fp16, fp8 or int8; default bf16. */
        public Builder precision(String value) {
            this.precision = value;
            return this;
        }

        /** --devices: accelerators used at once. */
        public Builder devices(Integer value) {
            this.devices = value;
            return this;
        }

        /** --utilization: achieved / nominal throughput, a fraction in (0, 1]. */
        public Builder utilization(Double value) {
            this.utilization = value;
            return this;
        }

        /** --tokens-per-second-per-device: measured tokens per second per device. */
        public Builder tokensPerSecondPerDevice(Double value) {
            this.tokensPerSecondPerDevice = value;
            return this;
        }

        /** --days: wall-clock duration in days, instead of deriving it from FLOPs. */
        public Builder days(Double value) {
            this.days = value;
            return this;
        }

        /** --hours: wall-clock duration in hours, instead of deriving it from FLOPs. */
        public Builder hours(Double value) {
            this.hours = value;
            return this;
        }

        /** --price: on-demand price in USD per device-hour (with on-prem: the rental price to compare with). */
        public Builder price(Double value) {
            this.price = value;
            return this;
        }

        /** --pricing: on-demand, reserved, spot or on-prem; default on-demand. */
        public Builder pricing(String value) {
            this.pricing = value;
            return this;
        }

        /** --reserved-discount: reserved discount off the on-demand price, fraction in [0, 1). */
        public Builder reservedDiscount(Double value) {
            this.reservedDiscount = value;
            return this;
        }

        /** --spot-discount: spot discount off the on-demand price, fraction in [0, 1). */
        public Builder spotDiscount(Double value) {
            this.spotDiscount = value;
            return this;
        }

        /** --spot-interruption-rate: fraction of spot instances reclaimed per month. */
        public Builder spotInterruptionRate(Double value) {
            this.spotInterruptionRate = value;
            return this;
        }

        /** --devices-per-instance: devices per spot instance (lost together). */
        public Builder devicesPerInstance(Integer value) {
            this.devicesPerInstance = value;
            return this;
        }

        /** --purchase-price: on-prem purchase price per device in USD. */
        public Builder purchasePrice(Double value) {
            this.purchasePrice = value;
            return this;
        }

        /** --lifetime-years: on-prem amortization period in years. */
        public Builder lifetimeYears(Double value) {
            this.lifetimeYears = value;
            return this;
        }

        /** --operations-usd-per-year: on-prem operations cost per device per year in USD. */
        public Builder operationsUsdPerYear(Double value) {
            this.operationsUsdPerYear = value;
            return this;
        }

        /** --use-hours-per-year: hours per year an owned device is busy. */
        public Builder useHoursPerYear(Double value) {
            this.useHoursPerYear = value;
            return this;
        }

        /** --checkpoint-bytes-per-param: bytes per parameter in a checkpoint. */
        public Builder checkpointBytesPerParam(Double value) {
            this.checkpointBytesPerParam = value;
            return this;
        }

        /** --checkpoints-kept: checkpoints kept in storage at once. */
        public Builder checkpointsKept(Integer value) {
            this.checkpointsKept = value;
            return this;
        }

        /** --storage-price: storage price in USD per GB-month. */
        public Builder storagePrice(Double value) {
            this.storagePrice = value;
            return this;
        }

        /** --dataset-gb: dataset size in GB. */
        public Builder datasetGb(Double value) {
            this.datasetGb = value;
            return this;
        }

        /** --egress-gb: data moved out of the cloud in GB. */
        public Builder egressGb(Double value) {
            this.egressGb = value;
            return this;
        }

        /** --egress-price: egress price in USD per GB. */
        public Builder egressPrice(Double value) {
            this.egressPrice = value;
            return this;
        }

        /** --device-mtbf-hours: device-hours between job interruptions caused by one device. */
        public Builder deviceMtbfHours(Double value) {
            this.deviceMtbfHours = value;
            return this;
        }

        /** --checkpoint-interval-hours: wall-clock hours between checkpoints. */
        public Builder checkpointIntervalHours(Double value) {
            this.checkpointIntervalHours = value;
            return this;
        }

        /** --checkpoint-write-seconds: seconds the job stalls to write one checkpoint. */
        public Builder checkpointWriteSeconds(Double value) {
            this.checkpointWriteSeconds = value;
            return this;
        }

        /** --restart-minutes: minutes from an interruption to training again. */
        public Builder restartMinutes(Double value) {
            this.restartMinutes = value;
            return this;
        }

        /** --exploration-multiplier: compute multiplier for exploratory and hyperparameter runs, >= 1. */
        public Builder explorationMultiplier(Double value) {
            this.explorationMultiplier = value;
            return this;
        }

        /** --orchestration-fraction: orchestration cost as a fraction of compute cost, >= 0. */
        public Builder orchestrationFraction(Double value) {
            this.orchestrationFraction = value;
            return this;
        }

        /** --slow-factor: override of the fitted slow-scenario factor, >= 1. */
        public Builder slowFactor(Double value) {
            this.slowFactor = value;
            return this;
        }

        /** --overhead-factor: override of the fitted overhead factor, >= 1. */
        public Builder overheadFactor(Double value) {
            this.overheadFactor = value;
            return this;
        }

        /** --power-w: device power in W (default: the hardware's TDP). */
        public Builder powerW(Double value) {
            this.powerW = value;
            return this;
        }

        /** --power-fraction: average power as a fraction of it. */
        public Builder powerFraction(Double value) {
            this.powerFraction = value;
            return this;
        }

        /** --pue: data-centre power usage effectiveness, >= 1. */
        public Builder pue(Double value) {
            this.pue = value;
            return this;
        }

        /** --electricity-price: electricity price in USD per kWh. */
        public Builder electricityPrice(Double value) {
            this.electricityPrice = value;
            return this;
        }

        /** --carbon-intensity: grid carbon intensity in kg CO2e per kWh. */
        public Builder carbonIntensity(Double value) {
            this.carbonIntensity = value;
            return this;
        }

        /** --budget: budget in USD for the retry scenario. */
        public Builder budget(Double value) {
            this.budget = value;
            return this;
        }

        /** The request. */
        public EstimateRequest build() {
            return new EstimateRequest(flops, params, activeParams, tokens, layers, dModel, seqLen, recompute, mode, profile, precision, devices, utilization, tokensPerSecondPerDevice, days, hours, price, pricing, reservedDiscount, spotDiscount, spotInterruptionRate, devicesPerInstance, purchasePrice, lifetimeYears, operationsUsdPerYear, useHoursPerYear, checkpointBytesPerParam, checkpointsKept, storagePrice, datasetGb, egressGb, egressPrice, deviceMtbfHours, checkpointIntervalHours, checkpointWriteSeconds, restartMinutes, explorationMultiplier, orchestrationFraction, slowFactor, overheadFactor, powerW, powerFraction, pue, electricityPrice, carbonIntensity, budget);
        }
    }
}
