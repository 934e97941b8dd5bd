package dev.flopcal.hardware;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The processor as detected: identity, core counts, clock and caches, and its instruction-set flags.
 *
 * @param vendor           e.g. "GenuineIntel", "AuthenticAMD", "ARM"
 * @param name             marketing name, e.g. "Intel(R) Xeon(R) Processor"
 * @param family           CPUID family (decimal), -1 if unknown
 * @param model            CPUID model (decimal), or the Arm part number; -1 if unknown
 * @param stepping         CPUID stepping, -1 if unknown
 * @param processorId      the OS's processor identifier string
 * @param physicalCores    physical cores, all packages
 * @param logicalCores     hardware threads, all packages
 * @param packages         sockets
 * @param maxClockHz       maximum (turbo) clock the OS reports, NaN when it does not (as under most hypervisors)
 * @param reportedClockHz  the clock the OS reports now (often the base or TSC clock in a VM), NaN if none
 * @param caches           cache levels, as reported
 * @param flags            instruction-set flags, lower case, as the OS lists them
 */
public record Cpu(String vendor, String name, int family, int model, int stepping, String processorId,
                  int physicalCores, int logicalCores, int packages, double maxClockHz, double reportedClockHz,
                  List<Cache> caches, List<String> flags) {

    public Cpu {
        caches = List.copyOf(caches);
        flags = List.copyOf(flags);
    }

    /** This processor with other cache levels. */
    public Cpu withCaches(List<Cache> others) {
        return new Cpu(vendor, name, family, model, stepping, processorId, physicalCores, logicalCores, packages,
                maxClockHz, reportedClockHz, others, flags);
    }

    /** True if the OS lists the flag (case-insensitive), e.g. {@code hasFlag("avx512_bf16")}. */
    public boolean hasFlag(String flag) {
        return flags.contains(flag.toLowerCase(Locale.ROOT));
    }

    /** The capacity of one cache instance of a level holding data, if reported. */
    public Optional<Long> dataCacheBytes(int level) {
        return caches.stream().filter(c -> c.level() == level && !c.type().equals("instruction"))
                .map(Cache::sizeBytes).findFirst();
    }

    /** True when running under a hypervisor (x86 "hypervisor" flag). */
    public boolean virtualized() {
        return hasFlag("hypervisor");
    }

    /**
     * The SIMD and matrix extensions relevant to throughput, in a fixed order: the short list a profile shows
     * (the full list is in {@link #flags()}).
     */
    public List<String> simdFeatures() {
        List<String> known = List.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl",
                "avx512_vnni", "avx512_bf16", "avx512_fp16", "avx_vnni", "amx_tile", "amx_bf16", "amx_int8",
                "amx_fp16", "asimd", "asimddp", "asimdhp", "bf16", "i8mm", "sve", "sve2", "sme");
        return known.stream().filter(this::hasFlag).toList();
    }
}
