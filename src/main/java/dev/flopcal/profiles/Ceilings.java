package dev.flopcal.profiles;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Raw roofline measurements of a CPU profile.
 *
 * @param fma       FMA ceiling by precision ("fp32", "fp64"), one entry per thread count
 * @param bandwidth triad bandwidth by working-set size and threads
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ceilings(Map<String, List<FmaCeiling>> fma, List<BandwidthSample> bandwidth) {

    /**
     * @param threads          threads running FMA chains
     * @param flops            measured FLOP/s
     * @param error            half-width of ci95 (older profiles: JMH's 99.9% half-width), null if unknown
     * @param nominalFlops     threads × clock × per-cycle figure at the clock the profile uses
     * @param ratioToNominal   flops / nominalFlops
     * @param perCycle         the per-core, per-cycle figure behind nominalFlops, recorded so that verify can
     *                         recompute it when the profile has no GEMM entry for this precision; null if unknown
     * @param ci95             the 95% interval a rerun falls in, combining the variance within and between JVMs;
     *                         null if unknown
     * @param jvms             JVMs behind flops; null in older profiles
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FmaCeiling(int threads, double flops, Double error, Double nominalFlops, Double ratioToNominal,
                             Double perCycle, List<Double> ci95, Integer jvms) {
    }

    /**
     * @param workingSetBytes total bytes of the three triad arrays
     * @param threads         threads
     * @param bytesPerSecond  STREAM-convention bytes per second (24 bytes per element)
     * @param error           half-width of the 95% interval a rerun falls in (older profiles: JMH's 99.9%
     *                        half-width), null if unknown
     * @param jvms            JVMs behind bytesPerSecond; null in older profiles
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BandwidthSample(long workingSetBytes, int threads, double bytesPerSecond, Double error, Integer jvms) {
    }
}
