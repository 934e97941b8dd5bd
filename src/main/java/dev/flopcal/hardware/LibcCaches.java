package dev.flopcal.hardware;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cache sizes from the C library's {@code sysconf}, for hosts whose OS lists no caches: some virtual machines'
 * kernels have no {@code /sys/devices/system/cpu/cpu0/cache}, where OSHI looks. glibc answers
 * {@code _SC_LEVEL1_DCACHE_SIZE} and its neighbours from CPUID on x86.
 *
 * <p>On AMD, glibc 2.36 takes the L3 size from CPUID leaf 0x80000006, which gives the L3 of the whole package (508 MiB
 * on the 2-vCPU Zen 5 VM flopcal was measured on, where a core shares the 32 MiB of its CCD). {@link #adjustL3}
 * replaces it with the L3 of one core complex from the microarchitecture table, where the table has it.
 */
public final class LibcCaches {
    // glibc's <bits/confname.h>: the _SC_LEVEL* names are consecutive from _SC_LEVEL1_ICACHE_SIZE = 185
    private static final int L1I_SIZE = 185, L1I_LINE = 187, L1D_SIZE = 188, L1D_ASSOC = 189, L1D_LINE = 190,
            L2_SIZE = 191, L2_ASSOC = 192, L2_LINE = 193, L3_SIZE = 194, L3_ASSOC = 195, L3_LINE = 196;

    private LibcCaches() {
    }

    /** The caches glibc reports, L1 data and instruction, L2 and L3; empty off Linux or when it reports none. */
    public static List<Cache> read() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return List.of();
        }
        MethodHandle sysconf;
        try {
            Linker linker = Linker.nativeLinker();
            sysconf = linker.downcallHandle(linker.defaultLookup().find("sysconf").orElseThrow(),
                    FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
        } catch (RuntimeException e) {
            return List.of();
        }
        List<Cache> out = new ArrayList<>();
        add(out, sysconf, 1, "data", L1D_SIZE, L1D_LINE, L1D_ASSOC);
        add(out, sysconf, 1, "instruction", L1I_SIZE, L1I_LINE, -1);
        add(out, sysconf, 2, "unified", L2_SIZE, L2_LINE, L2_ASSOC);
        add(out, sysconf, 3, "unified", L3_SIZE, L3_LINE, L3_ASSOC);
        return List.copyOf(out);
    }

    /**
     * The caches with the L3 of one core complex where the processor is AMD's, its row of the microarchitecture table
     * gives that size, and the reported L3 is larger (the package's); otherwise the caches as they are.
     */
    public static List<Cache> adjustL3(List<Cache> caches, Cpu cpu, Optional<Microarchitecture> uarch) {
        long perComplex = uarch.map(Microarchitecture::l3BytesPerComplex).orElse(0L);
        if (!cpu.vendor().toLowerCase(Locale.ROOT).contains("amd") || perComplex <= 0) {
            return caches;
        }
        return caches.stream().map(c -> c.level() == 3 && c.sizeBytes() > perComplex
                ? new Cache(3, c.type(), perComplex, c.lineBytes(), c.associativity()) : c).toList();
    }

    private static void add(List<Cache> out, MethodHandle sysconf, int level, String type, int size, int line, int assoc) {
        long bytes = call(sysconf, size);
        if (bytes > 0) {
            out.add(new Cache(level, type, bytes, (int) Math.max(0, call(sysconf, line)),
                    assoc < 0 ? 0 : (int) Math.max(0, call(sysconf, assoc))));
        }
    }

    private static long call(MethodHandle sysconf, int name) {
        try {
            return (long) sysconf.invokeExact(name);
        } catch (Throwable t) {
            return -1;
        }
    }
}
