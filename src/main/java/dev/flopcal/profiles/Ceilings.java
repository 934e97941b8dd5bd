package dev.flopcal.profiles;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Raw roofline measurements of a CPU profile.
 *
 * @param fma       FMA ceiling by precision ("fp32", "fp64"), one entry per thread count
 * @param bandwidth bandwidth by kernel, working-set size and threads
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
     * @param workingSetBytes total bytes of the kernel's arrays over all threads
     * @param threads         threads
     * @param bytesPerSecond  STREAM-convention bytes per second (8 per load and per store: 24 per triad element)
     * @param error           half-width of the 95% interval a rerun falls in (older profiles: JMH's 99.9%
     *                        half-width), null if unknown
     * @param jvms            JVMs behind bytesPerSecond; null in older profiles
     * @param kernel          "read", "write", "copy" or "triad"; null in profiles from before the other kernels (triad)
     * @param level           the memory level the plan chose the working set for, or "sweep" between levels; null in
     *                        profiles from before the plan chose them (the cache sizes then decide)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BandwidthSample(long workingSetBytes, int threads, double bytesPerSecond, Double error, Integer jvms,
                                  String kernel, String level) {
        /** A triad sample of a profile from before the other kernels. */
        public BandwidthSample(long workingSetBytes, int threads, double bytesPerSecond, Double error, Integer jvms) {
            this(workingSetBytes, threads, bytesPerSecond, error, jvms, null, null);
        }
    }
}
