package dev.flopcal.estimation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 *   <li><b>slow</b>: base device-hours × the slow factor (see {@link ScenarioFactors}: the predicted utilization
 *       over its one-sided 95% lower prediction bound, from the spread of published runs on that hardware; for a
 *       measured profile, the measurement's own error).</li>
 *   <li><b>retry</b>: slow × the overhead factor (what published runs lost beyond their in-run rate and beyond the
 *       failure model at their size, applied within their device counts only) × (1 + the explicit
 *       checkpoint/failure/spot loss of {@link FailureModel}, which scales with the device count) × the
 *       exploration multiplier. The exploration multiplier also lengthens the wall clock: exploratory runs are
 *       assumed to use the same devices, one after the other.</li>
 * </ul>
 * Each scenario's cost is device-hours × effective price, plus orchestration (a fraction of compute), storage
 * of checkpoints and dataset for the scenario's wall-clock duration, and egress. {@code rawComputeCostUsd} is
 * the base device-hours × effective price alone: the seeds' "raw compute estimate".
 *
 * <p>The steps, each in its own class: {@link RequestChecks} (input checks), {@link JobFlops} (model and hardware
 * FLOPs), {@link MemoryPlan} (memory per device, refusing a model that cannot fit), {@link BaseThroughput} (which
 * achieved rate applies; {@link DecodingRate} for inference), then the cost model: {@link CheckpointPlan} (checkpoints,
 * failures, interruptions), {@link PowerDraw} (energy and carbon), {@link EffectivePrice} (pricing models),
 * {@link ScenarioHours} (the three scenarios' device-hours), {@link ScenarioCosts} with {@link StoragePlan} (cost,
 * energy and emissions of each). Every default they apply is recorded with its source in the {@link Assumptions}.
 *
 * <p>Library code: no argument parsing, no printing. Bad input raises {@link InvalidInputException} naming the
 * option and value.
 */
public final class Estimator {
    static final double SECONDS_PER_HOUR = 3600;

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
        RequestChecks.check(r);
        Assumptions assume = new Assumptions();
        List<String> notes = new ArrayList<>();
        JobFlops job = JobFlops.of(r.job(), r.inference());

        // ---- hardware, memory and throughput
        Precision given = r.hardware().precision();
        Precision precision = given == null ? Defaults.PRECISION : given;
        assume.pick("precision", given == null ? null : precision.id(), Defaults.PRECISION.id(), "", Defaults.PRECISION_SOURCE);
        DeviceThroughput device = device(r.hardware().profile(), precision, notes);
        int devices = r.hardware().devices();
        ScenarioFactors factors = ScenarioFactors.from(fit, device == null ? null : device.id(), devices);
        DecodingRate.Inputs decoding = job.mode() == WorkloadMode.INFERENCE && job.workload() != null
                ? DecodingRate.inputs(r, job.workload(), precision, device, assume) : null;
        MemoryPlan memory = MemoryPlan.of(r, job, device, precision, decoding, assume, notes);
        BaseThroughput rate = BaseThroughput.resolve(r, job, device, decoding, factors, assume, notes);
        if (rate.utilization() != null && rate.utilization() > 1) {
            notes.add(String.format(Locale.ROOT, "utilization %.2f is above 1: faster than the %s spec-sheet peak; check the"
                    + " FLOPs, the duration and --precision", rate.utilization(), precision.id()));
        }
        if (rate.utilizationKind() == UtilizationKind.HFU && job.workload() != null && !job.workload().recompute()) {
            notes.add("the rate counts hardware FLOPs and the job recomputes nothing (no --recompute): hardware and model"
                    + " FLOPs are the same");
        }

        // ---- the cost model
        PricingModel pricing = r.pricing().pricingOrDefault();
        assume.pick("pricing", r.pricing().pricing() == null ? null : pricing.id(), PricingModel.ON_DEMAND.id(), "",
                "default: list price");
        CheckpointPlan checkpoints = CheckpointPlan.of(r, job.mode(), pricing, assume);
        PowerDraw power = PowerDraw.of(r.energy(), device, assume, notes);
        EffectivePrice price = EffectivePrice.of(r, pricing, power, assume, notes);
        ScenarioHours hours = ScenarioHours.of(rate, r.overheads(), factors, checkpoints.model(), assume);
        ScenarioCosts costs = ScenarioCosts.of(r, price, power, checkpoints, assume);
        Estimate.Scenarios scenarios = hours.scenarios(costs, rate.source());
        Estimate.Scenario base = scenarios.base();
        Estimate.Budget budget = budget(r.guardrail().budget(), scenarios.retry());

        assume.put("hoursPerMonth", Defaults.HOURS_PER_MONTH, "h", "8760 / 12, for prices per GB-month");
        assume.put("energyScope", "base scenario", "", "deviceEnergyKwh, facilityEnergyKwh, co2Kg and energyCostUsd at top"
                + " level are the base scenario's; each scenario carries its own");

        Estimate.Hardware hw = device == null ? null : new Estimate.Hardware(device.id(), device.name(), device.source(),
                device.needsCheck(), device.tdp().isPresent() ? device.tdpW() : null);
        Double usdPerDeviceHour = price.usdPerDeviceHour();
        return new Estimate(job.flops(), job.formula(), job.hardwareFlops(), job.mode().id(), devices, precision.id(), hw,
                rate.nominalFlopsPerDevice(), rate.modelFlopsPerDevice(), rate.utilization(), rate.hardwareUtilization(),
                rate.utilizationKind() == null ? null : rate.utilizationKind().id(), rate.source(),
                rate.tokensPerSecondPerDevice(), rate.limitedBy(), memory.output(), rate.decoding(), pricing.id(),
                usdPerDeviceHour, usdPerDeviceHour == null ? null : rate.deviceHours() * usdPerDeviceHour,
                costs.specSheet(job.flops(), rate.nominalFlopsPerDevice(), rate.deviceHours()), scenarios,
                base.deviceEnergyKwh(), base.facilityEnergyKwh(), base.co2Kg(), base.facilityEnergyKwh() == null ? null
                        : base.facilityEnergyKwh() * power.electricityUsdPerKwh(),
                hours.breakdown(costs, scenarios.retry()), checkpoints.output(), price.onPremises(),
                job.flops() != null && job.mode() == WorkloadMode.TRAINING ? ComputeOptimal.chinchilla(job.flops()) : null,
                budget, assume.map(), notes);
    }

    private DeviceThroughput device(String profile, Precision precision, List<String> notes) {
        DeviceThroughput device = profile == null ? null : hardware.resolve(profile, precision);
        if (device != null && device.needsCheck()) {
            notes.add(device.id() + ": the nominal " + precision.id() + " figure is flagged unverified ('check' in"
                    + " accelerators.csv) or estimated (an inferred per-cycle figure of a measured profile); confirm against"
                    + " the vendor datasheet");
        }
        return device;
    }

    private static Estimate.Budget budget(Double budgetUsd, Estimate.Scenario retry) {
        if (budgetUsd == null) {
            return null;
        }
        if (retry.costUsd() == null) {
            throw new InvalidInputException("--budget " + Checks.show(budgetUsd)
                    + ": the cost is unknown without a price (--price, or --pricing on-prem)");
        }
        return new Estimate.Budget(budgetUsd, retry.costUsd(), retry.costUsd() > budgetUsd);
    }
}
