package dev.flopcal.runs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.flopcal.hardware.AcceleratorCatalog;

/**
 * Utilization and overhead fitted from published runs, per hardware and pooled.
 *
 * @param observations what was derived from each run, in file order
 * @param byHardware fits per hardware id, for ids with at least one run
 * @param pooled the fit over all runs
 */
public record PublishedRunFit(List<RunObservation> observations, Map<String, HardwareFit> byHardware,
        HardwareFit pooled) {

    public PublishedRunFit {
        observations = List.copyOf(observations);
        byHardware = Collections.unmodifiableMap(new LinkedHashMap<>(byHardware));
    }

    /** The fit of the shipped {@code published-runs.csv} over the shipped catalog (computed once). */
    public static PublishedRunFit shipped() {
        return Shipped.FIT;
    }

    private static final class Shipped {
        static final PublishedRunFit FIT = new PublishedRunFitter(AcceleratorCatalog.shipped())
                .fit(PublishedRuns.shipped());
    }

    /** The fit for one hardware id, empty when no run used it. */
    public Optional<HardwareFit> forHardware(String id) {
        return Optional.ofNullable(id == null ? null : byHardware.get(id));
    }
}
