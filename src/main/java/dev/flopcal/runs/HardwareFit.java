package dev.flopcal.runs;

/**
 * Fitted utilization and overhead for one hardware id, or pooled over all runs ({@code hardware = "all"}).
 *
 * @param hardware the {@code accelerators.csv} id, or {@code "all"}
 * @param inRunUtilization achieved / nominal while training (fraction)
 * @param effectiveUtilization FLOPs / (reported device-hours × 3600 × nominal) (fraction)
 * @param overheadFactor reported device-hours / ideal device-hours at the in-run utilization (ratio, &gt;= 1 expected)
 */
public record HardwareFit(String hardware, RunMean inRunUtilization, RunMean effectiveUtilization,
        RunMean overheadFactor) {
}
