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
 * @param achievedFlops    the highest rate measured at the largest thread count (CPU), or the fitted sustained
 *                         rate of published runs (accelerators); null for "nominal only"
 * @param achievedError    its uncertainty, same unit (CPU: JMH 99.9% half-width; accelerators: 95% interval half-width)
 * @param achievedAt       where the CPU figure was measured
 * @param utilization      achievedFlops / nominalFlops
 * @param utilizationError its uncertainty (from achievedError)
 * @param status           where the achieved figure comes from
 * @param path             how the JVM computes this precision (CPU)
 * @param samples          every GEMM rate measured (CPU)
 * @param nativeSamples    the native BLAS reference at the same shapes (CPU fp32/fp64)
 * @param fits             fitted curves and utilization factors (CPU)
 * @param publishedRuns    runs the accelerator figures were fitted from
 * @param gap              round-by-round comparisons with the FMA ceiling and native BLAS (CPU fp32/fp64, full mode)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"nominalFlops", "nominalBasis", "nominalSource", "nominalEstimated", "perCycle", "achievedFlops",
        "achievedError", "achievedAt", "utilization", "utilizationError", "status", "path", "samples", "nativeSamples",
        "fits", "gap", "publishedRuns"})
public record PrecisionProfile(Double nominalFlops, String nominalBasis, String nominalSource, Boolean nominalEstimated,
                               Double perCycle, Double achievedFlops, Double achievedError, At achievedAt,
                               Double utilization, Double utilizationError, FigureStatus status, String path,
                               List<Sample> samples, List<Sample> nativeSamples, PrecisionFits fits,
                               List<String> publishedRuns, List<GapRun> gap) {

    /** The shape an achieved figure was measured at. */
    public record At(int n, int threads) {
    }

    public PrecisionProfile {
        samples = samples == null ? null : List.copyOf(samples);
        nativeSamples = nativeSamples == null ? null : List.copyOf(nativeSamples);
        publishedRuns = publishedRuns == null ? null : List.copyOf(publishedRuns);
        gap = gap == null || gap.isEmpty() ? null : List.copyOf(gap);
    }

    /** Without round-by-round comparisons. */
    public PrecisionProfile(Double nominalFlops, String nominalBasis, String nominalSource, Boolean nominalEstimated,
                            Double perCycle, Double achievedFlops, Double achievedError, At achievedAt,
                            Double utilization, Double utilizationError, FigureStatus status, String path,
                            List<Sample> samples, List<Sample> nativeSamples, PrecisionFits fits,
                            List<String> publishedRuns) {
        this(nominalFlops, nominalBasis, nominalSource, nominalEstimated, perCycle, achievedFlops, achievedError,
                achievedAt, utilization, utilizationError, status, path, samples, nativeSamples, fits, publishedRuns,
                null);
    }

    /** A copy with these round-by-round comparisons (none when null or empty). */
    public PrecisionProfile withGap(List<GapRun> runs) {
        return new PrecisionProfile(nominalFlops, nominalBasis, nominalSource, nominalEstimated, perCycle, achievedFlops,
                achievedError, achievedAt, utilization, utilizationError, status, path, samples, nativeSamples, fits,
                publishedRuns, runs);
    }
}
