package dev.flopcal.estimation;

import java.util.OptionalDouble;

import dev.flopcal.core.Precision;

/**
 * The hardware input of an estimate: one device's nominal and achieved throughput at one precision, its memory
 * and memory bandwidth.
 *
 * @param id the hardware id (an {@code accelerators.csv} id or a profile id)
 * @param name a readable name
 * @param precision the number format the job runs in
 * @param nominalFlopsPerDevice spec-sheet dense peak in FLOP/s (op/s for int8), &gt; 0
 * @param achievedFlopsPerDevice what one device sustains in FLOP/s, or {@code NaN} when the source only knows the
 *     spec sheet (the estimator then applies a utilization)
 * @param achievedMeasured true when {@code achievedFlopsPerDevice} was measured (by {@code calibrate}): a rate of
 *     executed FLOPs; false when fitted from published runs (an in-run MFU) or unknown
 * @param achievedError the measurement's uncertainty in FLOP/s (a profile's {@code achievedError}), NaN when unknown
 * @param obtainedBy how {@code achievedFlopsPerDevice} was obtained, e.g. "measured profile ..."; for a spec-sheet
 *     source, where the nominal figure comes from
 * @param tdpW thermal design power in W, {@code NaN} when unknown (never invented)
 * @param source citation of the figures
 * @param needsCheck true when the source marks a figure as unverified
 * @param memory the device's memory and its bandwidth
 */
public record DeviceThroughput(String id, String name, Precision precision, double nominalFlopsPerDevice,
        double achievedFlopsPerDevice, boolean achievedMeasured, double achievedError, String obtainedBy, double tdpW,
        String source, boolean needsCheck, Memory memory) {

    /**
     * A device's memory.
     *
     * @param bytes capacity in bytes (an accelerator's memory, a CPU host's RAM), NaN when unknown
     * @param bandwidthBytesPerSecond memory bandwidth in bytes/s, NaN when unknown
     * @param bandwidthMeasured true for a measured bandwidth (a calibrated CPU's DRAM plateau), false for a datasheet
     *     figure
     * @param bandwidthLow95 lower end of the measured bandwidth's 95% interval, NaN when not measured
     * @param source where the figures come from
     */
    public record Memory(double bytes, double bandwidthBytesPerSecond, boolean bandwidthMeasured, double bandwidthLow95,
            String source) {
        /** Nothing known. */
        public static final Memory UNKNOWN = new Memory(Double.NaN, Double.NaN, false, Double.NaN, "not known");
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
