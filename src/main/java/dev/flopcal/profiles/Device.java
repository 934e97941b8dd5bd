package dev.flopcal.profiles;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The hardware of a profile. CPU profiles fill the processor fields; accelerator profiles the memory, bandwidth
 * and power fields. Unknown figures are null.
 *
 * @param kind                  "cpu", "gpu" or "tpu"
 * @param name                  e.g. "Intel(R) Xeon(R) Processor", "NVIDIA H100 SXM 80GB"
 * @param vendor                e.g. "GenuineIntel", "NVIDIA"
 * @param microarchitecture     table id, e.g. "intel-emerald-rapids" (CPU)
 * @param microarchitectureName e.g. "Emerald Rapids (5th gen Xeon Scalable)" (CPU)
 * @param cpuid                 CPUID family/model/stepping (x86 CPU)
 * @param cores                 physical cores (CPU)
 * @param threads               hardware threads (CPU)
 * @param packages              sockets (CPU)
 * @param clock                 clocks and which one the nominal figures use (CPU)
 * @param caches                cache levels (CPU)
 * @param simd                  SIMD and matrix extensions (CPU)
 * @param flags                 every ISA flag the OS lists (CPU)
 * @param memoryBytes           host memory, bytes (CPU)
 * @param os                    operating system (CPU)
 * @param virtualized           running under a hypervisor (CPU)
 * @param memoryGb              device memory, GB (accelerator)
 * @param memoryBandwidthGBps   device memory bandwidth, GB/s (accelerator)
 * @param tdpW                  thermal design power, W
 * @param source                where the device figures come from (accelerator)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Device(String kind, String name, String vendor, String microarchitecture, String microarchitectureName,
                     Cpuid cpuid, Integer cores, Integer threads, Integer packages, Clock clock, List<CacheInfo> caches,
                     List<String> simd, List<String> flags, Long memoryBytes, String os, Boolean virtualized,
                     Double memoryGb, Double memoryBandwidthGBps, Double tdpW, String source) {

    /** CPUID identity. */
    public record Cpuid(int family, int model, int stepping) {
    }

    /**
     * Clocks of a CPU.
     *
     * @param reportedHz  the clock the OS reports (often base/TSC under a hypervisor), null if none
     * @param maxHz       the maximum clock the OS reports, null when hidden
     * @param effectiveHz the clock implied by the measured FMA ceiling, null when not inferred
     * @param usedHz      the clock the nominal figures use
     * @param basis       which clock is used and why
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Clock(Double reportedHz, Double maxHz, Double effectiveHz, double usedHz, String basis) {
    }

    /** A cache level: level, type, bytes per instance, line bytes, ways (0 = not reported). */
    public record CacheInfo(int level, String type, long sizeBytes, int lineBytes, int associativity) {
    }
}
