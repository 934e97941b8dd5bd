package dev.flopcal.estimation;

import java.util.OptionalDouble;

import dev.flopcal.core.Precision;

/**
 * The hardware input of an estimate: one device's nominal and achieved throughput at one precision.
 *
 * @param id the hardware id (an {@code accelerators.csv} id or a profile id)
 * @param name a readable name
 * @param precision the number format the job runs in
 * @param nominalFlopsPerDevice spec-sheet dense peak in FLOP/s (op/s for int8), &gt; 0
 * @param achievedFlopsPerDevice what one device sustains on this job in FLOP/s, or {@code NaN} when the source
 *     only knows the spec sheet (the estimator then applies a utilization)
 * @param obtainedBy how {@code achievedFlopsPerDevice} was obtained, e.g. "measured profile ..." or
 *     "--utilization 0.4 × nominal"; for a spec-sheet source, where the nominal figure comes from
 * @param tdpW thermal design power in W, {@code NaN} when unknown (never invented)
 * @param source citation of the figures
 * @param needsCheck true when the source marks a figure as unverified
 */
public record DeviceThroughput(String id, String name, Precision precision, double nominalFlopsPerDevice,
        double achievedFlopsPerDevice, String obtainedBy, double tdpW, String source, boolean needsCheck) {

    /** A copy whose achieved throughput is {@code flops} FLOP/s, obtained as {@code how} says. */
    public DeviceThroughput withAchieved(double flops, String how) {
        return new DeviceThroughput(id, name, precision, nominalFlopsPerDevice, flops, how, tdpW, source, needsCheck);
    }

    /** True when an achieved figure is known. */
    public boolean hasAchieved() {
        return Double.isFinite(achievedFlopsPerDevice) && achievedFlopsPerDevice > 0;
    }

    /** Achieved / nominal, a fraction; {@code NaN} when either is unknown. */
    public double utilization() {
        return achievedFlopsPerDevice / nominalFlopsPerDevice;
    }

    /** TDP in W, empty when unknown. */
    public OptionalDouble tdp() {
        return Double.isNaN(tdpW) ? OptionalDouble.empty() : OptionalDouble.of(tdpW);
    }
}
