package dev.flopcal.estimation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.runs.PublishedRunFit;

/**
 * Turns a job and a hardware profile into a training-cost estimate: FLOPs, time, device-hours, cost, energy and
 * emissions in three scenarios, beside the spec-sheet answer.
 *
 * <h2>Scenarios</h2>
 * <ul>
 *   <li><b>base</b>: the job at the calibrated throughput — a profile's achieved FLOP/s (measured by
 *       {@code calibrate}, or fitted from published runs for an accelerator profile), or
 *       {@code --utilization} × nominal, or {@code --tokens-per-second-per-device} × FLOPs per token, or, with
 *       none of these, the in-run utilization fitted from published runs × nominal. With {@code --days} or
 *       {@code --hours} the base duration is the one given.</li>
 *   <li><b>slow</b>: base device-hours × the slow factor (see {@link ScenarioFactors}: mean over lower
 *       confidence bound of the published runs' in-run utilization).</li>
 *   <li><b>retry</b>: slow × the fitted overhead factor (reported over ideal device-hours of published runs)
 *       × (1 + the explicit checkpoint/failure/spot loss of {@link FailureModel}) × the exploration multiplier.
 *       The fitted overhead already contains the published runs' own failures, so adding the failure model
 *       on top counts some of them twice: retry is deliberately the pessimistic end of the range. The
 *       exploration multiplier also lengthens the wall clock: exploratory runs are assumed to use the same
 *       devices, one after the other.</li>
 * </ul>
 * Each scenario's cost is device-hours × effective price, plus orchestration (a fraction of compute), storage
 * of checkpoints and dataset for the scenario's wall-clock duration, and egress. {@code rawComputeCostUsd} is
 * the base device-hours × effective price alone: the seeds' "raw compute estimate".
 *
 * <p>Library code: no argument parsing, no printing. Bad input raises {@link InvalidInputException} naming the
 * option and value.
 */
public final class Estimator {
    private static final double SECONDS_PER_HOUR = 3600;

    private final HardwareSource hardware;
    private final PublishedRunFit fit;

    /**
     * @param hardware resolves {@code --profile}
     * @param fit the published-run fit that supplies the default utilization and the slow and retry factors
     */
    public Estimator(HardwareSource hardware, PublishedRunFit fit) {
        this.hardware = hardware;
        this.fit = fit;
    }

    /** An estimator over the shipped accelerator catalog and the fit of the shipped published runs. */
    public static Estimator shipped() {
        return new Estimator(CatalogHardwareSource.shipped(), PublishedRunFit.shipped());
    }

    /**
     * Estimates a job.
     *
     * @throws InvalidInputException for out-of-range values, contradictory options, an unknown profile or a
     *     precision the profile lacks; the message names the option and the value
     */
    public Estimate estimate(EstimateRequest r) {
        checkRanges(r);
        checkCombinations(r);
        Assumptions assume = new Assumptions();
        List<String> notes = new ArrayList<>();
        int devices = r.devices();

        // ---- workload
        WorkloadMode mode = r.mode() == null ? WorkloadMode.TRAINING : WorkloadMode.parse(r.mode());
        Workload workload = r.params() == null ? null : new Workload(mode, r.params(),
                r.activeParams() == null ? Double.NaN : r.activeParams(), r.tokens(), orZero(r.layers()), orZero(r.dModel()),
                orZero(r.seqLen()), Boolean.TRUE.equals(r.recompute()));
        Double flops = r.flops() != null ? r.flops() : workload != null ? workload.flops() : null;
        String formula = r.flops() != null ? "given (--flops)" : workload != null ? workload.formula()
                : "not given: the duration was given directly";

        // ---- hardware and throughput
        Precision precision = r.precision() == null ? Defaults.PRECISION : parsePrecision(r.precision());
        assume.pick("precision", r.precision() == null ? null : precision.id(), Defaults.PRECISION.id(), "",
                Defaults.PRECISION_SOURCE);
        DeviceThroughput device = r.profile() == null ? null : hardware.resolve(r.profile(), precision);
        if (device != null && device.needsCheck()) {
            notes.add(device.id() + ": the nominal " + precision.id() + " figure is flagged unverified ('check' in"
                    + " accelerators.csv) or estimated (an inferred per-cycle figure of a measured profile); confirm against"
                    + " the vendor datasheet");
        }
        ScenarioFactors factors = ScenarioFactors.from(fit, device == null ? null : device.id());

        Double givenHours = r.days() != null ? Double.valueOf(r.days() * 24) : r.hours();
        double baseDeviceHours;
        Double achieved;
        String throughputSource;
        if (givenHours != null) {
            baseDeviceHours = devices * givenHours;
            achieved = flops == null ? null : flops / (baseDeviceHours * SECONDS_PER_HOUR);
            throughputSource = flops == null ? "unknown: the duration was given and the FLOPs were not"
                    : "implied by the FLOPs and the given duration: FLOPs / (devices × hours × 3600)";
        } else {
            Throughput t = throughput(r, device, workload, flops, factors, assume);
            achieved = t.flopsPerDevice();
            throughputSource = t.how();
            baseDeviceHours = flops / achieved / SECONDS_PER_HOUR;
        }
        Double nominal = device == null ? null : device.nominalFlopsPerDevice();
        Double utilization = achieved == null || nominal == null ? null : achieved / nominal;
        if (utilization != null && utilization > 1) {
            notes.add(String.format(Locale.ROOT, "utilization %.2f is above 1: faster than the %s spec-sheet peak; check the"
                    + " FLOPs, the duration and --precision", utilization, precision.id()));
        }

        // ---- failures, checkpoints, interruptions
        PricingModel pricing = r.pricing() == null ? PricingModel.ON_DEMAND : PricingModel.parse(r.pricing());
        assume.pick("pricing", r.pricing() == null ? null : pricing.id(), PricingModel.ON_DEMAND.id(), "",
                "default: list price");
        Checkpoints checkpoints = checkpoints(r, mode, devices, pricing, assume);
        FailureModel failures = checkpoints.model();

        // ---- money and energy
        Double kwhPerDeviceHour = kwhPerDeviceHour(r, device, assume, notes);
        double electricityPrice = assume.pick("electricityPrice", r.electricityPrice(), Defaults.ELECTRICITY_USD_PER_KWH,
                "USD/kWh", Defaults.ELECTRICITY_SOURCE);
        double carbon = assume.pick("carbonIntensity", r.carbonIntensity(), Defaults.CARBON_KG_PER_KWH, "kg CO2e/kWh",
                Defaults.CARBON_SOURCE);
        OnPremisesCost onPremises = pricing == PricingModel.ON_PREMISES
                ? onPremises(r, kwhPerDeviceHour, electricityPrice, assume) : null;
        Double price = effectivePrice(r, pricing, onPremises, assume);
        if (price == null) {
            notes.add("no --price: costs are not computed");
        }

        // ---- scenario factors
        double slow = assume.pick("slowFactor", r.slowFactor(), factors.slowFactor(), "× base device-hours",
                factors.slowBasis());
        double overhead = assume.pick("overheadFactor", r.overheadFactor(), factors.overheadFactor(),
                "× slow device-hours", factors.overheadBasis());
        double exploration = assume.pick("explorationMultiplier", r.explorationMultiplier(), Defaults.EXPLORATION_MULTIPLIER,
                "× compute", Defaults.EXPLORATION_SOURCE);
        double orchestration = assume.pick("orchestrationFraction", r.orchestrationFraction(),
                Defaults.ORCHESTRATION_FRACTION, "fraction of compute cost", Defaults.ORCHESTRATION_SOURCE);

        // ---- storage
        double storagePrice = assume.pick("storagePrice", r.storagePrice(), Defaults.STORAGE_USD_PER_GB_MONTH,
                "USD/GB-month", Defaults.STORAGE_SOURCE);
        double checkpointsKept = assume.pick("checkpointsKept", r.checkpointsKept(), Defaults.CHECKPOINTS_KEPT, "checkpoints",
                Defaults.CHECKPOINTS_KEPT_SOURCE);
        double datasetGb = datasetGb(r, assume);
        double egressGb = assume.pick("egressGb", r.egressGb(), Defaults.EGRESS_GB, "GB", Defaults.EGRESS_SOURCE);
        double egressPrice = assume.pick("egressPrice", r.egressPrice(), Defaults.EGRESS_USD_PER_GB, "USD/GB",
                Defaults.EGRESS_PRICE_SOURCE);
        double checkpointGb = checkpoints.sizeGb() == null ? 0 : checkpoints.sizeGb();
        Costs costs = new Costs(devices, price, orchestration, checkpointGb * checkpointsKept, datasetGb, storagePrice,
                egressGb * egressPrice, kwhPerDeviceHour, carbon);

        double slowDeviceHours = baseDeviceHours * slow;
        double overheadDeviceHours = slowDeviceHours * overhead;
        double lostDeviceHours = overheadDeviceHours * failures.totalLostFraction();
        double retryDeviceHours = (overheadDeviceHours + lostDeviceHours) * exploration;

        Estimate.Scenario base = costs.scenario(String.format(Locale.ROOT, "calibrated throughput: %s", throughputSource),
                baseDeviceHours, baseDeviceHours);
        Estimate.Scenario slowScenario = costs.scenario(String.format(Locale.ROOT,
                "base × slow factor %.3f (utilization at the lower bound of the published runs' in-run utilization)", slow),
                slowDeviceHours, baseDeviceHours);
        Estimate.Scenario retry = costs.scenario(String.format(Locale.ROOT,
                "slow × overhead factor %.3f (published runs' reported / ideal device-hours) × (1 + %.4f checkpoint writes,"
                        + " failures and interruptions) × exploration %.2f",
                overhead, failures.totalLostFraction(), exploration), retryDeviceHours, baseDeviceHours);
        Estimate.Scenario specSheet = flops == null || nominal == null ? new Estimate.Scenario(
                "the same FLOPs at 100% of the nominal peak: unknown without FLOPs and a profile", null, null, null, null, null,
                null) : costs.computeOnly("the same FLOPs at 100% of the nominal peak (compute only)",
                        flops / nominal / SECONDS_PER_HOUR, baseDeviceHours);

        Estimate.CostBreakdown breakdown = breakdown(costs, baseDeviceHours, slowDeviceHours, overheadDeviceHours, failures,
                exploration, retry);

        Estimate.Budget budget = null;
        if (r.budget() != null) {
            if (retry.costUsd() == null) {
                throw new InvalidInputException("--budget " + Checks.show(r.budget())
                        + ": the cost is unknown without a price (--price, or --pricing on-prem)");
            }
            budget = new Estimate.Budget(r.budget(), retry.costUsd(), retry.costUsd() > r.budget());
        }

        assume.put("hoursPerMonth", Defaults.HOURS_PER_MONTH, "h", "8760 / 12, for prices per GB-month");
        assume.put("energyScope", "base scenario", "", "energyKwh, co2Kg and energyCostUsd at top level are the base"
                + " scenario's; each scenario carries its own");

        Estimate.Hardware hw = device == null ? null : new Estimate.Hardware(device.id(), device.name(), device.source(),
                device.needsCheck(), device.tdp().isPresent() ? device.tdpW() : null);
        return new Estimate(flops, formula, mode.id(), devices, precision.id(), hw, nominal, achieved, utilization,
                throughputSource, pricing.id(), price, price == null ? null : baseDeviceHours * price, specSheet,
                new Estimate.Scenarios(base, slowScenario, retry), base.energyKwh(), base.co2Kg(),
                base.energyKwh() == null ? null : base.energyKwh() * electricityPrice, breakdown,
                checkpoints.output(), onPremises,
                flops != null && mode == WorkloadMode.TRAINING ? ComputeOptimal.chinchilla(flops) : null, budget,
                assume.map(), notes);
    }

    // ------------------------------------------------------------------------------------------------------------

    private record Throughput(double flopsPerDevice, String how) {
    }

    private Throughput throughput(EstimateRequest r, DeviceThroughput device, Workload workload, Double flops,
            ScenarioFactors factors, Assumptions assume) {
        if (r.utilization() != null) {
            if (device == null) {
                throw new InvalidInputException("--utilization " + Checks.show(r.utilization())
                        + " needs --profile: utilization is a fraction of the profile's nominal peak");
            }
            assume.put("utilization", r.utilization(), "fraction of nominal", "given (--utilization)");
            return new Throughput(r.utilization() * device.nominalFlopsPerDevice(),
                    "--utilization " + Checks.show(r.utilization()) + " × nominal");
        }
        if (r.tokensPerSecondPerDevice() != null) {
            double flopsPerToken;
            if (workload != null) {
                flopsPerToken = workload.flopsPerToken();
            } else if (r.tokens() != null) {
                flopsPerToken = flops / r.tokens();
            } else {
                throw new InvalidInputException("--tokens-per-second-per-device " + Checks.show(r.tokensPerSecondPerDevice())
                        + " needs the FLOPs per token: give --params, or --tokens with --flops");
            }
            assume.put("tokensPerSecondPerDevice", r.tokensPerSecondPerDevice(), "tokens/s per device",
                    "given (--tokens-per-second-per-device)");
            return new Throughput(r.tokensPerSecondPerDevice() * flopsPerToken, String.format(Locale.ROOT,
                    "--tokens-per-second-per-device %s × %.4g FLOPs per token", Checks.show(r.tokensPerSecondPerDevice()),
                    flopsPerToken));
        }
        if (device == null) {
            throw new InvalidInputException("cannot tell the throughput: give --profile (with --utilization, or the fitted"
                    + " default), --tokens-per-second-per-device, or a duration with --days or --hours");
        }
        if (device.hasAchieved()) {
            return new Throughput(device.achievedFlopsPerDevice(), device.obtainedBy());
        }
        if (Double.isNaN(factors.utilization())) {
            throw new InvalidInputException(device.id() + " has only a spec-sheet figure and no published run states a"
                    + " utilization: give --utilization or --tokens-per-second-per-device");
        }
        assume.put("utilization", factors.utilization(), "fraction of nominal", factors.utilizationBasis());
        return new Throughput(factors.utilization() * device.nominalFlopsPerDevice(), String.format(Locale.ROOT,
                "fitted in-run utilization %.3f × nominal (no measured profile or --utilization given)",
                factors.utilization()));
    }

    private record Checkpoints(FailureModel model, Double sizeGb, Estimate.Checkpointing output) {
    }

    private static Checkpoints checkpoints(EstimateRequest r, WorkloadMode mode, int devices, PricingModel pricing,
            Assumptions assume) {
        Double sizeGb = null;
        String sizeNote = "";
        if (mode == WorkloadMode.TRAINING) {
            double bytesPerParam = assume.pick("checkpointBytesPerParam", r.checkpointBytesPerParam(),
                    Defaults.CHECKPOINT_BYTES_PER_PARAM, "bytes/param", Defaults.CHECKPOINT_BYTES_SOURCE);
            sizeGb = r.params() == null ? null : r.params() * bytesPerParam / 1e9;
        } else {
            // LoRA checkpoints hold only the adapters (their size is not an input); inference writes none
            sizeNote = mode == WorkloadMode.ADAPTER
                    ? "lora: checkpoints hold only the adapter weights, whose size is not known; "
                    : "inference writes no checkpoints; ";
        }
        double deviceMtbf = assume.pick("deviceMtbfHours", r.deviceMtbfHours(), Defaults.DEVICE_MTBF_HOURS, "device-hours",
                Defaults.DEVICE_MTBF_SOURCE);
        double restartHours = assume.pick("restartMinutes", r.restartMinutes(), Defaults.RESTART_HOURS * 60, "min",
                Defaults.RESTART_SOURCE) / 60;
        double failuresPerHour = devices / deviceMtbf;
        double spotPerHour = 0;
        if (pricing == PricingModel.SPOT) {
            double rate = assume.pick("spotInterruptionRate", r.spotInterruptionRate(),
                    Defaults.SPOT_INTERRUPTIONS_PER_INSTANCE_MONTH, "fraction of instances per month",
                    Defaults.SPOT_INTERRUPTION_SOURCE);
            double perInstance = assume.pick("devicesPerInstance", r.devicesPerInstance(), Defaults.DEVICES_PER_INSTANCE,
                    "devices", Defaults.DEVICES_PER_INSTANCE_SOURCE);
            double instances = Math.ceil(devices / perInstance);
            spotPerHour = instances * rate / Defaults.HOURS_PER_MONTH;
        }
        double jobMtbf = 1 / (failuresPerHour + spotPerHour);

        String note = "";
        Double writeSeconds = r.checkpointWriteSeconds();
        if (writeSeconds != null) {
            assume.put("checkpointWriteSeconds", writeSeconds, "s", "given (--checkpoint-write-seconds)");
        } else if (sizeGb != null) {
            writeSeconds = sizeGb / (devices * Defaults.CHECKPOINT_WRITE_GB_PER_S_PER_DEVICE);
            assume.put("checkpointWriteSeconds", writeSeconds, "s", Defaults.CHECKPOINT_WRITE_SOURCE);
        }
        Double youngDaly = writeSeconds == null ? null
                : FailureModel.youngDalyIntervalHours(writeSeconds / SECONDS_PER_HOUR, jobMtbf);
        double interval;
        double writeHours;
        if (r.checkpointIntervalHours() != null) {
            interval = r.checkpointIntervalHours();
            assume.put("checkpointIntervalHours", interval, "h", "given (--checkpoint-interval-hours)");
        } else if (youngDaly != null) {
            interval = youngDaly;
            assume.put("checkpointIntervalHours", interval, "h", Defaults.CHECKPOINT_INTERVAL_SOURCE);
        } else {
            interval = 0;
            note = sizeNote + "checkpoint size unknown (no --params or --checkpoint-write-seconds): each interruption counts"
                    + " only its restart time, a lower bound";
        }
        if (writeSeconds == null) {
            writeHours = 0;
            if (note.isEmpty()) {
                note = sizeNote + "checkpoint write time unknown (no --params or --checkpoint-write-seconds): counted as 0";
            }
        } else {
            writeHours = writeSeconds / SECONDS_PER_HOUR;
        }
        FailureModel model = new FailureModel(writeHours, restartHours, failuresPerHour, spotPerHour, interval);
        if (model.totalLostFraction() >= 1) {
            throw new InvalidInputException(String.format(Locale.ROOT, "the run would never finish: with a job MTBF of %.3g h"
                    + " and %.3g h lost per interruption, more time is lost than gained; check --devices %d,"
                    + " --device-mtbf-hours, --restart-minutes and --checkpoint-interval-hours", jobMtbf,
                    model.lostHoursPerInterruption(), devices));
        }
        Estimate.Checkpointing output = new Estimate.Checkpointing(sizeGb, writeSeconds, deviceMtbf, jobMtbf, spotPerHour,
                interval, youngDaly, model.lostHoursPerInterruption(), model.checkpointWriteFraction(),
                model.failureLostFraction(), model.spotLostFraction(), note);
        return new Checkpoints(model, sizeGb, output);
    }

    private static Double kwhPerDeviceHour(EstimateRequest r, DeviceThroughput device, Assumptions assume,
            List<String> notes) {
        Double watts = r.powerW();
        String source = "given (--power-w)";
        if (watts == null && device != null && device.tdp().isPresent()) {
            watts = device.tdpW();
            source = "TDP of " + device.id() + " (" + device.source() + ")";
        }
        double fraction = assume.pick("powerFraction", r.powerFraction(), Defaults.POWER_FRACTION, "fraction of power",
                Defaults.POWER_FRACTION_SOURCE);
        double pue = assume.pick("pue", r.pue(), Defaults.PUE, "", Defaults.PUE_SOURCE);
        if (watts == null) {
            notes.add("no device power (the profile has no TDP and --power-w is not given): energy and emissions are not"
                    + " computed");
            return null;
        }
        assume.put("powerW", watts, "W per device", source);
        return watts / 1000 * fraction * pue;
    }

    private static OnPremisesCost onPremises(EstimateRequest r, Double kwhPerDeviceHour, double electricityPrice,
            Assumptions assume) {
        if (kwhPerDeviceHour == null) {
            throw new InvalidInputException("--pricing on-prem needs the device power for electricity: give --power-w (the"
                    + " profile has no TDP)");
        }
        assume.put("purchasePrice", r.purchasePrice(), "USD per device", "given (--purchase-price)");
        assume.put("operationsUsdPerYear", r.operationsUsdPerYear(), "USD per device-year", "given (--operations-usd-per-year)");
        double lifetime = assume.pick("lifetimeYears", r.lifetimeYears(), Defaults.LIFETIME_YEARS, "years",
                Defaults.LIFETIME_SOURCE);
        double useHours = assume.pick("useHoursPerYear", r.useHoursPerYear(), Defaults.USE_HOURS_PER_YEAR, "h/year",
                Defaults.USE_HOURS_SOURCE);
        return new OnPremisesCost(r.purchasePrice(), lifetime, r.operationsUsdPerYear(), useHours,
                kwhPerDeviceHour * electricityPrice, r.price());
    }

    private static Double effectivePrice(EstimateRequest r, PricingModel pricing, OnPremisesCost onPremises,
            Assumptions assume) {
        if (pricing == PricingModel.ON_PREMISES) {
            if (r.price() != null) {
                assume.put("price", r.price(), "USD/device-hour", "given (--price): the rental price the break-even compares with");
            }
            return onPremises.costUsdPerDeviceHour();
        }
        if (r.price() == null) {
            return null;
        }
        assume.put("price", r.price(), "USD/device-hour", "given (--price), on-demand list price");
        return switch (pricing) {
            case ON_DEMAND -> r.price();
            case RESERVED -> r.price() * (1 - assume.pick("reservedDiscount", r.reservedDiscount(), Defaults.RESERVED_DISCOUNT,
                    "fraction off on-demand", Defaults.RESERVED_DISCOUNT_SOURCE));
            case SPOT -> r.price() * (1 - assume.pick("spotDiscount", r.spotDiscount(), Defaults.SPOT_DISCOUNT,
                    "fraction off on-demand", Defaults.SPOT_DISCOUNT_SOURCE));
            case ON_PREMISES -> throw new IllegalStateException("handled above");
        };
    }

    private static double datasetGb(EstimateRequest r, Assumptions assume) {
        if (r.datasetGb() != null) {
            assume.put("datasetGb", r.datasetGb(), "GB", "given (--dataset-gb)");
            return r.datasetGb();
        }
        if (r.tokens() == null) {
            assume.put("datasetGb", 0.0, "GB", "tokens unknown: dataset storage not counted (--dataset-gb)");
            return 0;
        }
        double gb = r.tokens() * Defaults.DATASET_BYTES_PER_TOKEN / 1e9;
        assume.put("datasetGb", gb, "GB", Defaults.DATASET_SOURCE);
        return gb;
    }

    /** Turns device-hours into a scenario's time, cost, energy and emissions. */
    private record Costs(int devices, Double price, double orchestrationFraction, double checkpointGbStored,
            double datasetGb, double storagePrice, double egressUsd, Double kwhPerDeviceHour, double carbonKgPerKwh) {

        Double compute(double deviceHours) {
            return price == null ? null : deviceHours * price;
        }

        double checkpointStorage(double wallClockHours) {
            return checkpointGbStored * storagePrice * wallClockHours / Defaults.HOURS_PER_MONTH;
        }

        double datasetStorage(double wallClockHours) {
            return datasetGb * storagePrice * wallClockHours / Defaults.HOURS_PER_MONTH;
        }

        double storage(double wallClockHours) {
            return checkpointStorage(wallClockHours) + datasetStorage(wallClockHours);
        }

        Estimate.Scenario scenario(String definition, double deviceHours, double baseDeviceHours) {
            double wall = deviceHours / devices;
            Double compute = compute(deviceHours);
            Double cost = compute == null ? null : compute * (1 + orchestrationFraction) + storage(wall) + egressUsd;
            return withEnergy(definition, wall, deviceHours, cost, baseDeviceHours);
        }

        Estimate.Scenario computeOnly(String definition, double deviceHours, double baseDeviceHours) {
            return withEnergy(definition, deviceHours / devices, deviceHours, compute(deviceHours), baseDeviceHours);
        }

        private Estimate.Scenario withEnergy(String definition, double wall, double deviceHours, Double cost,
                double baseDeviceHours) {
            Double kwh = kwhPerDeviceHour == null ? null : deviceHours * kwhPerDeviceHour;
            return new Estimate.Scenario(definition, wall, deviceHours, cost, kwh, kwh == null ? null : kwh * carbonKgPerKwh,
                    deviceHours / baseDeviceHours);
        }
    }

    /** The retry cost as a sum: each multiplicative factor contributes the compute it adds on top of the previous ones. */
    private static Estimate.CostBreakdown breakdown(Costs costs, double base, double slow, double overhead,
            FailureModel failures, double exploration, Estimate.Scenario retry) {
        double retryWall = retry.wallClockHours();
        double beforeExploration = overhead * (1 + failures.totalLostFraction());
        Double computeRetry = costs.compute(retry.deviceHours());
        return new Estimate.CostBreakdown(costs.compute(base), costs.compute(slow - base), costs.compute(overhead - slow),
                costs.compute(overhead * failures.checkpointWriteFraction()),
                costs.compute(overhead * failures.failureLostFraction()),
                costs.compute(overhead * failures.spotLostFraction()),
                costs.compute(beforeExploration * (exploration - 1)),
                computeRetry == null ? null : computeRetry * costs.orchestrationFraction(),
                costs.checkpointStorage(retryWall), costs.datasetStorage(retryWall), costs.egressUsd(), retry.costUsd());
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    private static void checkRanges(EstimateRequest r) {
        if (r.devices() == null) {
            throw new InvalidInputException("--devices is required: the number of accelerators used at once");
        }
        Checks.atLeast("devices", r.devices(), 1);
        Checks.positive("flops", r.flops());
        Checks.positive("params", r.params());
        Checks.positive("activeParams", r.activeParams());
        Checks.positive("tokens", r.tokens());
        Checks.positive("tokensPerSecondPerDevice", r.tokensPerSecondPerDevice());
        Checks.positive("days", r.days());
        Checks.positive("hours", r.hours());
        Checks.positive("price", r.price());
        Checks.positive("purchasePrice", r.purchasePrice());
        Checks.positive("lifetimeYears", r.lifetimeYears());
        Checks.positive("checkpointBytesPerParam", r.checkpointBytesPerParam());
        Checks.positive("deviceMtbfHours", r.deviceMtbfHours());
        Checks.positive("checkpointIntervalHours", r.checkpointIntervalHours());
        Checks.positive("powerW", r.powerW());
        Checks.positive("budget", r.budget());
        Checks.atLeast("layers", r.layers(), 1);
        Checks.atLeast("dModel", r.dModel(), 1);
        Checks.atLeast("seqLen", r.seqLen(), 1);
        Checks.atLeast("devicesPerInstance", r.devicesPerInstance(), 1);
        Checks.atLeast("checkpointsKept", r.checkpointsKept(), 0);
        Checks.range("utilization", r.utilization(), 0, true, 1);
        Checks.fraction("reservedDiscount", r.reservedDiscount());
        Checks.fraction("spotDiscount", r.spotDiscount());
        Checks.atLeast("spotInterruptionRate", r.spotInterruptionRate(), 0);
        Checks.atLeast("operationsUsdPerYear", r.operationsUsdPerYear(), 0);
        Checks.range("useHoursPerYear", r.useHoursPerYear(), 0, true, 8784);
        Checks.atLeast("storagePrice", r.storagePrice(), 0);
        Checks.atLeast("datasetGb", r.datasetGb(), 0);
        Checks.atLeast("egressGb", r.egressGb(), 0);
        Checks.atLeast("egressPrice", r.egressPrice(), 0);
        Checks.atLeast("checkpointWriteSeconds", r.checkpointWriteSeconds(), 0);
        Checks.atLeast("restartMinutes", r.restartMinutes(), 0);
        Checks.atLeast("explorationMultiplier", r.explorationMultiplier(), 1);
        Checks.atLeast("orchestrationFraction", r.orchestrationFraction(), 0);
        Checks.atLeast("slowFactor", r.slowFactor(), 1);
        Checks.atLeast("overheadFactor", r.overheadFactor(), 1);
        Checks.range("powerFraction", r.powerFraction(), 0, true, 2);
        Checks.atLeast("pue", r.pue(), 1);
        Checks.atLeast("electricityPrice", r.electricityPrice(), 0);
        Checks.atLeast("carbonIntensity", r.carbonIntensity(), 0);
    }

    private static void checkCombinations(EstimateRequest r) {
        contradiction(r, "flops", "params", "activeParams", "layers", "dModel", "seqLen", "recompute");
        contradiction(r, "days", "hours");
        contradiction(r, "days", "utilization", "tokensPerSecondPerDevice");
        contradiction(r, "hours", "utilization", "tokensPerSecondPerDevice");
        contradiction(r, "utilization", "tokensPerSecondPerDevice");
        if (r.params() == null) {
            for (String key : List.of("activeParams", "layers", "dModel", "seqLen", "recompute")) {
                if (r.isSet(key) && r.flops() == null) {
                    throw new InvalidInputException(Checks.flag(key) + " " + value(r, key)
                            + " needs --params (the total parameter count)");
                }
            }
        }
        if (r.params() != null && r.tokens() == null) {
            throw new InvalidInputException("--params " + Checks.show(r.params()) + " needs --tokens: FLOPs = 6·N·D");
        }
        if (r.flops() == null && r.params() == null && r.days() == null && r.hours() == null) {
            throw new InvalidInputException("nothing to estimate: give --flops, --params with --tokens, or a duration with"
                    + " --days or --hours");
        }
        WorkloadMode mode = r.mode() == null ? WorkloadMode.TRAINING : WorkloadMode.parse(r.mode());
        if (mode != WorkloadMode.TRAINING && r.checkpointBytesPerParam() != null) {
            throw new InvalidInputException("--checkpoint-bytes-per-param " + Checks.show(r.checkpointBytesPerParam())
                    + " applies to --mode training, not " + mode.id() + " (give --checkpoint-write-seconds instead)");
        }
        PricingModel pricing = r.pricing() == null ? PricingModel.ON_DEMAND : PricingModel.parse(r.pricing());
        onlyWith(r, pricing, PricingModel.RESERVED, "reservedDiscount");
        onlyWith(r, pricing, PricingModel.SPOT, "spotDiscount", "spotInterruptionRate", "devicesPerInstance");
        onlyWith(r, pricing, PricingModel.ON_PREMISES, "purchasePrice", "lifetimeYears", "operationsUsdPerYear",
                "useHoursPerYear");
        if (pricing == PricingModel.ON_PREMISES && (r.purchasePrice() == null || r.operationsUsdPerYear() == null)) {
            throw new InvalidInputException("--pricing on-prem needs --purchase-price (USD per device) and"
                    + " --operations-usd-per-year (USD per device per year: staff, space, maintenance, networking; no"
                    + " public default exists, pass 0 to leave it out)");
        }
    }

    private static void contradiction(EstimateRequest r, String key, String... others) {
        if (!r.isSet(key)) {
            return;
        }
        for (String other : others) {
            if (r.isSet(other)) {
                throw new InvalidInputException(Checks.flag(key) + " " + value(r, key) + " contradicts " + Checks.flag(other)
                        + " " + value(r, other) + ": give one or the other");
            }
        }
    }

    private static void onlyWith(EstimateRequest r, PricingModel pricing, PricingModel required, String... keys) {
        for (String key : keys) {
            if (r.isSet(key) && pricing != required) {
                throw new InvalidInputException(Checks.flag(key) + " " + value(r, key) + " applies to --pricing "
                        + required.id() + ", not " + pricing.id());
            }
        }
    }

    private static String value(EstimateRequest r, String key) {
        Object v = r.value(key);
        return v instanceof Double d ? Checks.show(d) : String.valueOf(v);
    }

    private static Precision parsePrecision(String name) {
        try {
            return Precision.parse(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--precision " + e.getMessage(), e);
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** The ordered assumption table, filled as the estimate is computed. */
    private static final class Assumptions {
        private final Map<String, Estimate.Assumption> map = new LinkedHashMap<>();

        <T> T pick(String key, T given, T fallback, String unit, String defaultSource) {
            T value = given != null ? given : fallback;
            map.put(key, new Estimate.Assumption(value, unit, given != null ? "given (" + Checks.flag(key) + ")"
                    : defaultSource));
            return value;
        }

        double pick(String key, Integer given, int fallback, String unit, String defaultSource) {
            return pick(key, given, Integer.valueOf(fallback), unit, defaultSource).doubleValue();
        }

        void put(String key, Object value, String unit, String source) {
            map.put(key, new Estimate.Assumption(value, unit, source));
        }

        Map<String, Estimate.Assumption> map() {
            return map;
        }
    }
}
