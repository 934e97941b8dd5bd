package dev.flopcal.estimation;

/**
 * Turns a scenario's device-hours into its wall-clock time, cost, energy and emissions.
 *
 * <pre>
 *   wall-clock hours = device-hours / devices
 *   cost             = device-hours × price × (1 + orchestration fraction) + storage + egress
 *   device energy    = device-hours × device kWh per device-hour;  facility energy = device energy × PUE
 *   emissions        = facility energy × carbon intensity
 * </pre>
 *
 * @param devices accelerators used at once, &gt;= 1
 * @param price effective USD per device-hour, null when unknown (costs are then null)
 * @param orchestrationFraction orchestration cost as a fraction of compute cost, &gt;= 0
 * @param storage storage and egress
 * @param power energy per device-hour and carbon intensity
 */
record ScenarioCosts(int devices, Double price, double orchestrationFraction, StoragePlan storage, PowerDraw power) {

    /** The costs of a checked request. */
    static ScenarioCosts of(EstimateRequest r, EffectivePrice price, PowerDraw power, CheckpointPlan checkpoints,
            Assumptions assume) {
        double orchestration = assume.pick("orchestrationFraction", r.overheads().orchestrationFraction(),
                Defaults.ORCHESTRATION_FRACTION, "fraction of compute cost", Defaults.ORCHESTRATION_SOURCE);
        StoragePlan storage = StoragePlan.of(r.storage(), r.job().tokens(), checkpoints.sizeGb(), assume);
        return new ScenarioCosts(r.hardware().devices(), price.usdPerDeviceHour(), orchestration, storage, power);
    }

    /** Device time alone, USD; null without a price. */
    Double compute(double deviceHours) {
        return price == null ? null : deviceHours * price;
    }

    /** A scenario with every cost: compute, orchestration, storage for its wall-clock time, and egress. */
    Estimate.Scenario scenario(String definition, double deviceHours, double baseDeviceHours) {
        double wall = deviceHours / devices;
        Double compute = compute(deviceHours);
        Double cost = compute == null ? null
                : compute * (1 + orchestrationFraction) + storage.storageUsd(wall) + storage.egressUsd();
        return withEnergy(definition, wall, deviceHours, cost, baseDeviceHours);
    }

    /** The spec-sheet line: the same FLOPs at 100% of the nominal peak, compute cost only. */
    Estimate.Scenario specSheet(Double flops, Double nominalFlopsPerDevice, double baseDeviceHours) {
        if (flops == null || nominalFlopsPerDevice == null) {
            return new Estimate.Scenario("the same FLOPs at 100% of the nominal peak: unknown without FLOPs and a profile",
                    null, null, null, null, null, null, null);
        }
        double deviceHours = flops / nominalFlopsPerDevice / Estimator.SECONDS_PER_HOUR;
        return withEnergy("the same FLOPs at 100% of the nominal peak (compute only)", deviceHours / devices, deviceHours,
                compute(deviceHours), baseDeviceHours);
    }

    private Estimate.Scenario withEnergy(String definition, double wall, double deviceHours, Double cost,
            double baseDeviceHours) {
        Double device = power.deviceKwhPerDeviceHour() == null ? null : deviceHours * power.deviceKwhPerDeviceHour();
        Double facility = power.facilityKwhPerDeviceHour() == null ? null : deviceHours * power.facilityKwhPerDeviceHour();
        return new Estimate.Scenario(definition, wall, deviceHours, cost, device, facility,
                facility == null ? null : facility * power.carbonKgPerKwh(), deviceHours / baseDeviceHours);
    }
}
