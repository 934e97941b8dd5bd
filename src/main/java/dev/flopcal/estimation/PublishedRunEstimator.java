package dev.flopcal.estimation;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.runs.PublishedRunFit;
import dev.flopcal.runs.RunEstimator;

/** The estimator answering {@link RunEstimator}'s question, for the validation against published runs. */
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
            return new Outcome(workload.formula(), workload.flops(), null, null, null);
        }
        EstimateRequest request = new EstimateRequest(
                new EstimateRequest.Job(null, q.params(), nanToNull(q.activeParams()), q.tokens(), null, null, null, null,
                        null),
                new EstimateRequest.Hardware(q.hardware().id(), q.precision(), q.devices()),
                new EstimateRequest.Throughput(Double.isFinite(q.utilization()) ? q.utilization() : null, null),
                EstimateRequest.Duration.EMPTY, EstimateRequest.Pricing.EMPTY, EstimateRequest.Spot.EMPTY,
                EstimateRequest.OnPremises.EMPTY, EstimateRequest.Storage.EMPTY, EstimateRequest.Reliability.EMPTY,
                EstimateRequest.Overheads.EMPTY, new EstimateRequest.Energy(nanToNull(q.powerW()), null, null, null, null),
                EstimateRequest.Guardrail.EMPTY);
        Estimate estimate;
        try {
            estimate = new Estimator(new CatalogHardwareSource(catalog), defaults).estimate(request);
        } catch (InvalidInputException e) {
            return new Outcome(workload.formula(), workload.flops(), null, null, e.getMessage());
        }
        Estimate.Scenarios s = estimate.scenarios();
        return new Outcome(workload.formula(), workload.flops(), scenario(s.base()), scenario(s.retry()), null);
    }

    private static Double nanToNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static Scenario scenario(Estimate.Scenario s) {
        return new Scenario(s.deviceHours(), s.energyKwh() == null ? Double.NaN : s.energyKwh(),
                s.co2Kg() == null ? Double.NaN : s.co2Kg());
    }
}
