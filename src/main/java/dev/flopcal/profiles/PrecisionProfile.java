package dev.flopcal.profiles;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Nominal and achieved throughput of one precision.
 *
 * @param nominalFlops     spec-sheet peak of the device as measured (all cores used), FLOP/s (op/s for int8)
 * @param nominalBasis     its derivation in words (cores × clock × per-cycle figure, or the datasheet)
 * @param nominalSource    where the per-cycle or datasheet figure comes from
 * @param nominalEstimated true when the per-cycle figure is inferred or marked "check" in its table
 * @param perCycle         operations per cycle per core behind nominalFlops (CPU), null for datasheet figures
 * @param achievedFlops    the sustained rate at the largest thread count (CPU: the mean over its JVMs of the rate at
 *                         the sizes where the size curve has levelled off), or the fitted rate of published runs
 *                         (accelerators); null for "nominal only"
 * @param achievedError    its uncertainty, same unit (CPU: half the width of achievedCi95; accelerators: 95% interval
 *                         half-width)
 * @param achievedCi95     CPU: the 95% interval a rerun's achievedFlops falls in, combining the variance within
 *                         and between JVMs ({@code fitting.Replicates}); null where not measured
 * @param achievedAt       the largest size and the thread count of the CPU figure
 * @param achievedSizes    the sizes the CPU figure averages: those where the chosen size curve is within 5% of its
 *                         value at the largest size, and that every JVM of the series measured
 * @param utilization      achievedFlops / nominalFlops
 * @param utilizationError its uncertainty (from achievedError)
 * @param status           where the achieved figure comes from
 * @param nominalKind      what nominalFlops is: datasheet, user, table or ceiling-derived
 * @param path             how the JVM computes this precision (CPU)
 * @param samples          every GEMM rate measured (CPU)
 * @param nativeSamples    the native BLAS reference at the same shapes (CPU fp32/fp64)
 * @param fits             fitted curves and utilization factors (CPU)
 * @param publishedRuns    runs the accelerator figures were fitted from
 * @param gap              round-by-round comparisons with the FMA ceiling and native BLAS (CPU fp32/fp64, full mode)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"nominalFlops", "nominalKind", "nominalBasis", "nominalSource", "nominalEstimated", "perCycle",
        "achievedFlops", "achievedError", "achievedCi95", "achievedAt", "achievedSizes", "utilization",
        "utilizationError", "status", "path", "samples", "nativeSamples", "fits", "gap", "publishedRuns"})
public record PrecisionProfile(Double nominalFlops, String nominalBasis, String nominalSource, Boolean nominalEstimated,
                               Double perCycle, Double achievedFlops, Double achievedError, At achievedAt,
                               Double utilization, Double utilizationError, FigureStatus status, String path,
                               List<Sample> samples, List<Sample> nativeSamples, PrecisionFits fits,
                               List<String> publishedRuns, List<GapRun> gap, NominalKind nominalKind,
                               List<Double> achievedCi95, List<Integer> achievedSizes) {

    /** The shape an achieved figure was measured at. */
    public record At(int n, int threads) {
    }

    public PrecisionProfile {
        samples = samples == null ? null : List.copyOf(samples);
        nativeSamples = nativeSamples == null ? null : List.copyOf(nativeSamples);
        publishedRuns = publishedRuns == null ? null : List.copyOf(publishedRuns);
        gap = gap == null || gap.isEmpty() ? null : List.copyOf(gap);
        achievedCi95 = achievedCi95 == null ? null : List.copyOf(achievedCi95);
        achievedSizes = achievedSizes == null ? null : List.copyOf(achievedSizes);
    }

    /** Without round-by-round comparisons, a nominal kind, an interval or sizes. */
    public PrecisionProfile(Double nominalFlops, String nominalBasis, String nominalSource, Boolean nominalEstimated,
                            Double perCycle, Double achievedFlops, Double achievedError, At achievedAt,
                            Double utilization, Double utilizationError, FigureStatus status, String path,
                            List<Sample> samples, List<Sample> nativeSamples, PrecisionFits fits,
                            List<String> publishedRuns) {
        this(nominalFlops, nominalBasis, nominalSource, nominalEstimated, perCycle, achievedFlops, achievedError,
                achievedAt, utilization, utilizationError, status, path, samples, nativeSamples, fits, publishedRuns,
                null, null, null, null);
    }

    /** A copy with these round-by-round comparisons (none when null or empty). */
    public PrecisionProfile withGap(List<GapRun> runs) {
        return new PrecisionProfile(nominalFlops, nominalBasis, nominalSource, nominalEstimated, perCycle, achievedFlops,
                achievedError, achievedAt, utilization, utilizationError, status, path, samples, nativeSamples, fits,
                publishedRuns, runs, nominalKind, achievedCi95, achievedSizes);
    }
}
