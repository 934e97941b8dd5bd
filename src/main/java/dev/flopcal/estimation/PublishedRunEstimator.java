package dev.flopcal.estimation;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.runs.PublishedRunFit;
import dev.flopcal.runs.RunEstimator;

/**
 * The estimator answering {@link RunEstimator}'s question, for the validation against published runs. A run that
 * states no device count is estimated on the fewest devices whose memory holds its model states fully sharded
 * (mixed-precision Adam at the training precision, {@link MemoryPlan}), as a user with the fewest devices would ask.
 */
public final class PublishedRunEstimator implements RunEstimator {
    private final AcceleratorCatalog catalog;

    /** An estimator that looks hardware up in {@code catalog}. */
    public PublishedRunEstimator(AcceleratorCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Outcome estimate(Query q, PublishedRunFit defaults) {
        Workload workload = Workload.training(q.params(), q.tokens()).withActiveParams(q.activeParams());
        if (q.hardware() == null) {
            return new Outcome(workload.formula(), workload.flops(), 0, null, null, null);
        }
        int devices = q.devices();
        if (devices <= 0) {
            double memory = q.hardware().memoryGb() * 1e9;
            devices = Double.isFinite(memory) ? MemoryPlan.fewestDevices(q.params()
                    * MemoryPlan.trainingBytesPerParam(q.precision(), Defaults.OPTIMIZER), memory, 1) : 1;
        }
        EstimateRequest request = new EstimateRequest(
                new EstimateRequest.Job(null, q.params(), nanToNull(q.activeParams()), q.tokens(), null, null, null, null,
                        null),
                new EstimateRequest.Hardware(q.hardware().id(), q.precision(), devices), EstimateRequest.Parallelism.EMPTY,
                new EstimateRequest.Throughput(nanToNull(q.mfu()), null, null), EstimateRequest.Inference.EMPTY,
                EstimateRequest.Duration.EMPTY, EstimateRequest.Pricing.EMPTY, EstimateRequest.Spot.EMPTY,
                EstimateRequest.OnPremises.EMPTY, EstimateRequest.Storage.EMPTY, EstimateRequest.Reliability.EMPTY,
                EstimateRequest.Overheads.EMPTY, new EstimateRequest.Energy(nanToNull(q.powerW()), null, nanToNull(q.pue()),
                        null, null), EstimateRequest.Guardrail.EMPTY);
        Estimate estimate;
        try {
            estimate = new Estimator(new CatalogHardwareSource(catalog), defaults).estimate(request);
        } catch (InvalidInputException e) {
            return new Outcome(workload.formula(), workload.flops(), devices, null, null, e.getMessage());
        }
        Estimate.Scenarios s = estimate.scenarios();
        return new Outcome(workload.formula(), workload.flops(), devices, scenario(s.base()), scenario(s.retry()), null);
    }

    private static Double nanToNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static Scenario scenario(Estimate.Scenario s) {
        return new Scenario(s.deviceHours(), orNaN(s.deviceEnergyKwh()), orNaN(s.facilityEnergyKwh()), orNaN(s.co2Kg()));
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
