package dev.flopcal.kernels;

import java.lang.foreign.MemorySegment;

/**
 * The bandwidth kernels ({@link StreamKernel}) over off-heap doubles: read (a sum), write (a fill), copy and the STREAM
 * triad. Indices count doubles; every kernel works on elements {@code [from, to)} of its segments and runs over them
 * {@code passes} times in one call, so that a working set that fits in L1 is swept many times without the cost of a
 * call, and of the JIT's checks on the segments, between sweeps (docs/kernels.md#bandwidth-kernels).
 *
 * <p>Harnesses allocate each thread's segments itself, on 64-byte cache lines, with lengths that are whole blocks of
 * {@link #BLOCK_DOUBLES}: then every vector access is aligned and no element falls to a tail loop.
 */
public interface Streams {
    /** Doubles per block harnesses size arrays in: four 512-bit vectors, the read's step; kernels handle any rest. */
    int BLOCK_DOUBLES = 32;

    /** Implementation name, e.g. {@code "vector-512"} or {@code "scalar"}. */
    String name();

    /**
     * The sum of {@code a[from..to)} over {@code passes} passes (each pass adds every element once).
     *
     * @throws IndexOutOfBoundsException if the range is outside the segment
     */
    double read(MemorySegment a, long from, long to, int passes);

    /** Stores {@code value} into {@code a[from..to)}, {@code passes} times. */
    void write(MemorySegment a, double value, long from, long to, int passes);

    /** Copies {@code src[from..to)} to {@code dst[from..to)}, {@code passes} times. */
    void copy(MemorySegment dst, MemorySegment src, long from, long to, int passes);

    /** STREAM triad {@code a[i] = b[i] + s·c[i]} (one fused multiply-add) for i in {@code [from, to)}, {@code passes} times. */
    void triad(MemorySegment a, MemorySegment b, MemorySegment c, double s, long from, long to, int passes);
}
