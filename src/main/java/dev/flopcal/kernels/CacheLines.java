package dev.flopcal.kernels;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Where the elements of a heap array sit relative to 64-byte cache lines, so that packed panels can start on one.
 *
 * <p>Why: a 512-bit vector load from an address that is not a multiple of 64 touches two cache lines and costs
 * two loads. Java arrays start 16 bytes past an object boundary (the header), and large arrays start on a region
 * boundary in G1, so every vector load of a packed panel stored from index 0 splits. The JVM has no API for an
 * array's address; the C library's {@code memset(p, 0, 0)} returns its argument, and a downcall marked
 * {@link Linker.Option#critical(boolean) critical} may be passed the heap array itself, so the returned pointer is
 * the address of element 0 at the moment of the call. Arrays can move in a garbage collection; the engines ask
 * again at every product, and a stale answer only costs speed, never correctness. Aligned panels measured clearly
 * faster than unaligned ones; aligned off-heap segments did not, as their checks cost most of what the alignment
 * gains. Measurements: docs/kernels.md#panels-on-cache-lines.
 *
 * <p>Where native access is not enabled for this module, or the C library cannot be called, no offset is applied.
 */
final class CacheLines {
    /** Bytes per cache line; also the size of a 512-bit vector. */
    static final int BYTES = 64;

    /** Extra elements an array needs so that a run of its elements can start on a line: 16 floats, 8 doubles. */
    static final int SLACK_FLOATS = BYTES / Float.BYTES;
    static final int SLACK_DOUBLES = BYTES / Double.BYTES;

    private static final MethodHandle MEMSET = memset();

    private CacheLines() {
    }

    /** Whether array addresses can be found here; when not, {@link #floatsToLine} and co. return 0. */
    static boolean available() {
        return MEMSET != null;
    }

    /** The first index of {@code array} whose element starts a cache line, in [0, 16); 0 when unknown. */
    static int floatsToLine(float[] array) {
        long address = address(MemorySegment.ofArray(array));
        return address < 0 ? 0 : (int) (((BYTES - address % BYTES) % BYTES) / Float.BYTES);
    }

    /** The first index of {@code array} whose element starts a cache line, in [0, 8); 0 when unknown. */
    static int doublesToLine(double[] array) {
        long address = address(MemorySegment.ofArray(array));
        return address < 0 ? 0 : (int) (((BYTES - address % BYTES) % BYTES) / Double.BYTES);
    }

    /** Address of element 0 of a heap segment's array now, or -1 when it cannot be found. */
    static long address(MemorySegment heapSegment) {
        if (MEMSET == null) {
            return -1;
        }
        try {
            return ((MemorySegment) MEMSET.invokeExact(heapSegment, 0, 0L)).address();
        } catch (Throwable e) {
            return -1;
        }
    }

    private static MethodHandle memset() {
        if (!CacheLines.class.getModule().isNativeAccessEnabled()) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("memset")
                    .map(s -> linker.downcallHandle(s, FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG),
                            Linker.Option.critical(true)))
                    .orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
