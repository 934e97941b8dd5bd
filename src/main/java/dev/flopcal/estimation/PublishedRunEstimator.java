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
        EstimateRequest.Builder request = EstimateRequest.builder().params(q.params()).tokens(q.tokens())
                .activeParams(Double.isNaN(q.activeParams()) ? null : q.activeParams()).profile(q.hardware().id())
                .precision(q.precision().id()).devices(q.devices());
        if (Double.isFinite(q.utilization())) {
            request.utilization(q.utilization());
        }
        if (!Double.isNaN(q.powerW())) {
            request.powerW(q.powerW());
        }
        Estimate estimate;
        try {
            estimate = new Estimator(new CatalogHardwareSource(catalog), defaults).estimate(request.build());
        } catch (InvalidInputException e) {
            return new Outcome(workload.formula(), workload.flops(), null, null, e.getMessage());
        }
        Estimate.Scenarios s = estimate.scenarios();
        return new Outcome(workload.formula(), workload.flops(), scenario(s.base()), scenario(s.retry()), null);
    }

    private static Scenario scenario(Estimate.Scenario s) {
        return new Scenario(s.deviceHours(), s.energyKwh() == null ? Double.NaN : s.energyKwh(),
                s.co2Kg() == null ? Double.NaN : s.co2Kg());
    }
}
