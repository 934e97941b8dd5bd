package dev.flopcal.estimation;

import java.util.stream.Collectors;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.hardware.AcceleratorSpec;

/**
 * Resolves {@code accelerators.csv} ids to spec-sheet throughput. The achieved figure is left unknown
 * ({@code NaN}): the estimator applies {@code --utilization}, a tokens-per-second figure or the utilization
 * fitted from published runs.
 */
public final class CatalogHardwareSource implements HardwareSource {
    private final AcceleratorCatalog catalog;

    /** A source over {@code catalog}. */
    public CatalogHardwareSource(AcceleratorCatalog catalog) {
        this.catalog = catalog;
    }

    /** A source over the shipped catalog. */
    public static CatalogHardwareSource shipped() {
        return new CatalogHardwareSource(AcceleratorCatalog.shipped());
    }

    @Override
    public DeviceThroughput resolve(String id, Precision precision) {
        AcceleratorSpec spec = catalog.get(id);
        double peak = spec.peakFlops(precision).orElseThrow(() -> new InvalidInputException(spec.id()
                + " has no " + precision.id() + " figure in accelerators.csv; it has "
                + spec.precisions().stream().map(Precision::id).collect(Collectors.joining(", "))
                + " (pass one of them with --precision)"));
        return new DeviceThroughput(spec.id(), spec.name(), precision, peak, Double.NaN, false, Double.NaN,
                "spec sheet (accelerators.csv: " + spec.source() + ")", spec.tdpWatts(), spec.source(), spec.needsCheck(),
                memory(spec));
    }

    /** The catalog's memory (GB = 10^9 bytes) and datasheet bandwidth (GB/s). */
    static DeviceThroughput.Memory memory(AcceleratorSpec spec) {
        return new DeviceThroughput.Memory(spec.memoryGb() * 1e9, spec.memoryBandwidthGbPerSecond() * 1e9, false, Double.NaN,
                "accelerators.csv memory_gb and memory_bandwidth_gbps of " + spec.id() + " (" + spec.source() + ")");
    }
}
