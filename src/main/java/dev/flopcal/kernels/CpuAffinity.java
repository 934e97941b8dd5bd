package dev.flopcal.kernels;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.BitSet;
import java.util.Optional;

/**
 * The CPUs a thread may run on, read and set through Linux's {@code sched_getaffinity} and {@code sched_setaffinity}
 * (pid 0: the calling thread).
 *
 * <p>Why: the bandwidth harness runs each member of its team on a CPU of its own, as likwid-bench does. Left to the
 * scheduler, the two members of a team on the 2-vCPU Zen 5 VM at times ran one after the other, each busy 37% of the
 * time, at about half the rate pinned members reached (docs/measurement.md#bandwidth-probes).
 *
 * <p>Elsewhere (not Linux, or native access not enabled for this module) nothing can be read or set: {@link #get()}
 * is empty and {@link #set} returns false.
 */
public final class CpuAffinity {
    /** Bytes of a cpu_set_t: 1024 CPUs. */
    private static final long SET_BYTES = 128;
    private static final MethodHandle GET = handle("sched_getaffinity");
    private static final MethodHandle SET = handle("sched_setaffinity");

    private CpuAffinity() {
    }

    /** The CPUs the calling thread may run on; empty where they cannot be read. */
    public static Optional<BitSet> get() {
        if (GET == null) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(SET_BYTES, 8);
            int rc = (int) GET.invokeExact(0, SET_BYTES, mask);
            if (rc != 0) {
                return Optional.empty();
            }
            BitSet cpus = BitSet.valueOf(mask.toArray(JAVA_BYTE));
            return cpus.isEmpty() ? Optional.empty() : Optional.of(cpus);
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    /**
     * Restricts the calling thread to {@code cpus}.
     *
     * @return false where affinity cannot be set, or the OS refused (a CPU outside the process's cpuset, say)
     * @throws IllegalArgumentException if {@code cpus} is empty or names a CPU beyond 1023
     */
    public static boolean set(BitSet cpus) {
        if (cpus.isEmpty() || cpus.length() > SET_BYTES * 8) {
            throw new IllegalArgumentException("CPU set " + cpus + " is empty or names a CPU beyond "
                    + (SET_BYTES * 8 - 1));
        }
        if (SET == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(SET_BYTES, 8);
            MemorySegment.copy(cpus.toByteArray(), 0, mask, JAVA_BYTE, 0, cpus.toByteArray().length);
            return (int) SET.invokeExact(0, SET_BYTES, mask) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /** Restricts the calling thread to one CPU; false where that cannot be done (see {@link #set}). */
    public static boolean pin(int cpu) {
        BitSet one = new BitSet();
        one.set(cpu);
        return set(one);
    }

    private static MethodHandle handle(String name) {
        if (!CpuAffinity.class.getModule().isNativeAccessEnabled()
                || !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find(name).map(s -> linker.downcallHandle(s,
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS))).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
