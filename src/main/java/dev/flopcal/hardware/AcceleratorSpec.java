package dev.flopcal.hardware;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import dev.flopcal.core.Precision;

/**
 * One accelerator's spec-sheet figures, as listed in {@code accelerators.csv}. Figures the source does not
 * publish are absent (an empty map entry or {@code NaN}), never estimated.
 *
 * @param id the catalog id, e.g. {@code h100-sxm-80gb}
 * @param name the product name
 * @param vendor e.g. {@code NVIDIA}
 * @param kind {@code gpu} or {@code tpu}
 * @param peakFlopsPerSecond nominal dense peak per precision in FLOP/s (op/s for {@link Precision#INT8}); only
 *     the precisions the source publishes. {@link Precision#FP64} is the non-tensor (vector) fp64 figure.
 * @param fp64TensorFlopsPerSecond the fp64 tensor-core (matrix) peak in FLOP/s, {@code NaN} when not published
 * @param memoryGb device memory in GB (10^9 bytes), {@code NaN} when not published
 * @param memoryBandwidthGbPerSecond memory bandwidth in GB/s, {@code NaN} when not published
 * @param tdpWatts thermal design power in W, {@code NaN} when not published (the TPUs in the catalog)
 * @param notes free text from the file; "check" marks a figure that was not verified
 * @param source where the figures come from
 * @param needsCheck true when the notes say "check": confirm against the vendor datasheet before relying on it
 */
public record AcceleratorSpec(String id, String name, String vendor, String kind, Map<Precision, Double> peakFlopsPerSecond,
        double fp64TensorFlopsPerSecond, double memoryGb, double memoryBandwidthGbPerSecond, double tdpWatts, String notes,
        String source, boolean needsCheck) {

    /** Copies the peaks into an unmodifiable map. */
    public AcceleratorSpec {
        EnumMap<Precision, Double> copy = new EnumMap<>(Precision.class);
        copy.putAll(peakFlopsPerSecond);
        peakFlopsPerSecond = Collections.unmodifiableMap(copy);
    }

    /** The nominal dense peak for a precision in FLOP/s (op/s for int8), empty when not published. */
    public OptionalDouble peakFlops(Precision precision) {
        Double value = peakFlopsPerSecond.get(precision);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The precisions with a published peak, narrowest last (enum order). */
    public Set<Precision> precisions() {
        return peakFlopsPerSecond.keySet();
    }

    /** Thermal design power in W, empty when not published. */
    public OptionalDouble tdp() {
        return Double.isNaN(tdpWatts) ? OptionalDouble.empty() : OptionalDouble.of(tdpWatts);
    }
}
