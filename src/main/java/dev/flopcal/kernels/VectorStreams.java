package dev.flopcal.kernels;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API bandwidth kernels: {@code passes} sweeps in one loop nest, in a small method of its own, over slices that
 * start at the range's first element; the remainder runs before it, {@code passes} times too. The read sums eight
 * vectors per step into eight independent accumulators (so that the adds' latency does not limit the loads), the
 * write stores four per step; the copy and the triad take one vector per step and leave the unrolling to C2.
 *
 * <p>Why so, measured on the Zen 5 VM against likwid-bench's assembly (docs/kernels.md#bandwidth-kernels): called once
 * per sweep of a 24 KiB set, a call's entry and exit cost 7-9% of the rate; with the remainder in the same method as
 * the nest, C2 moved the arrays' addresses through vector registers in every step, or reloaded the triad's scalar from
 * the stack before every multiply-add; a triad written four vectors per step ran at 0.73-0.78 of likwid-bench's, one vector
 * per step, which C2 unrolls eightfold itself, at 0.92-0.96, and the copy likewise gained; the write, one store per
 * step, ran at half likwid-bench's rate from L2 and level with it written out four times.
 */
public final class VectorStreams implements Streams {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Bytes of one vector. */
    private static final long V = D.vectorByteSize();

    @Override
    public String name() {
        return "vector-" + VectorShape.preferredShape().vectorBitSize();
    }

    @Override
    public double read(MemorySegment a, long from, long to, int passes) {
        long start = from * Double.BYTES, blocks = (to - from) / (8L * D.length()) * 8 * V;
        double tail = 0;
        for (int p = 0; p < passes; p++) {
            tail += sum(a, from + blocks / Double.BYTES, to);
        }
        return tail + readBlocks(a.asSlice(start, blocks), blocks, passes);
    }

    private static double readBlocks(MemorySegment a, long bytes, int passes) {
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (int p = 0; p < passes; p++) {
            for (long o = 0; o < bytes; o += 8 * V) {
                s0 = s0.add(DoubleVector.fromMemorySegment(D, a, o, ORDER));
                s1 = s1.add(DoubleVector.fromMemorySegment(D, a, o + V, ORDER));
                s2 = s2.add(DoubleVector.fromMemorySegment(D, a, o + 2 * V, ORDER));
                s3 = s3.add(DoubleVector.fromMemorySegment(D, a, o + 3 * V, ORDER));
                s4 = s4.add(DoubleVector.fromMemorySegment(D, a, o + 4 * V, ORDER));
                s5 = s5.add(DoubleVector.fromMemorySegment(D, a, o + 5 * V, ORDER));
                s6 = s6.add(DoubleVector.fromMemorySegment(D, a, o + 6 * V, ORDER));
                s7 = s7.add(DoubleVector.fromMemorySegment(D, a, o + 7 * V, ORDER));
            }
        }
        return s0.add(s1).add(s2.add(s3)).add(s4.add(s5).add(s6.add(s7))).reduceLanes(VectorOperators.ADD);
    }

    /** The sum of {@code a[from..to)}: whole vectors, then single elements. */
    private static double sum(MemorySegment a, long from, long to) {
        DoubleVector s = DoubleVector.zero(D);
        long o = from * Double.BYTES, end = o + (to - from) / D.length() * V;
        for (; o < end; o += V) {
            s = s.add(DoubleVector.fromMemorySegment(D, a, o, ORDER));
        }
        double sum = s.reduceLanes(VectorOperators.ADD);
        for (long i = o / Double.BYTES; i < to; i++) {
            sum += a.getAtIndex(JAVA_DOUBLE, i);
        }
        return sum;
    }

    @Override
    public void write(MemorySegment a, double value, long from, long to, int passes) {
        long start = from * Double.BYTES, blocks = (to - from) / (4L * D.length()) * 4 * V;
        DoubleVector v = DoubleVector.broadcast(D, value);
        for (int p = 0; p < passes && start + blocks < to * Double.BYTES; p++) {
            long o = start + blocks, end = o + (to * Double.BYTES - o) / V * V;
            for (; o < end; o += V) {
                v.intoMemorySegment(a, o, ORDER);
            }
            for (long i = o / Double.BYTES; i < to; i++) {
                a.setAtIndex(JAVA_DOUBLE, i, value);
            }
        }
        writeBlocks(a.asSlice(start, blocks), blocks, value, passes);
    }

    private static void writeBlocks(MemorySegment a, long bytes, double value, int passes) {
        DoubleVector v = DoubleVector.broadcast(D, value);
        for (int p = 0; p < passes; p++) {
            for (long o = 0; o < bytes; o += 4 * V) {
                v.intoMemorySegment(a, o, ORDER);
                v.intoMemorySegment(a, o + V, ORDER);
                v.intoMemorySegment(a, o + 2 * V, ORDER);
                v.intoMemorySegment(a, o + 3 * V, ORDER);
            }
        }
    }

    @Override
    public void copy(MemorySegment dst, MemorySegment src, long from, long to, int passes) {
        long start = from * Double.BYTES, vectors = (to - from) / D.length() * V;
        for (int p = 0; p < passes; p++) {
            for (long i = from + vectors / Double.BYTES; i < to; i++) {
                dst.setAtIndex(JAVA_DOUBLE, i, src.getAtIndex(JAVA_DOUBLE, i));
            }
        }
        copyVectors(dst.asSlice(start, vectors), src.asSlice(start, vectors), vectors, passes);
    }

    private static void copyVectors(MemorySegment dst, MemorySegment src, long bytes, int passes) {
        for (int p = 0; p < passes; p++) {
            for (long o = 0; o < bytes; o += V) {
                DoubleVector.fromMemorySegment(D, src, o, ORDER).intoMemorySegment(dst, o, ORDER);
            }
        }
    }

    @Override
    public void triad(MemorySegment a, MemorySegment b, MemorySegment c, double s, long from, long to, int passes) {
        long start = from * Double.BYTES, vectors = (to - from) / D.length() * V;
        for (int p = 0; p < passes; p++) {
            for (long i = from + vectors / Double.BYTES; i < to; i++) {
                a.setAtIndex(JAVA_DOUBLE, i, Math.fma(c.getAtIndex(JAVA_DOUBLE, i), s, b.getAtIndex(JAVA_DOUBLE, i)));
            }
        }
        triadVectors(a.asSlice(start, vectors), b.asSlice(start, vectors), c.asSlice(start, vectors), vectors, s,
                passes);
    }

    private static void triadVectors(MemorySegment a, MemorySegment b, MemorySegment c, long bytes, double s,
                                     int passes) {
        DoubleVector sv = DoubleVector.broadcast(D, s);
        for (int p = 0; p < passes; p++) {
            for (long o = 0; o < bytes; o += V) {
                DoubleVector.fromMemorySegment(D, c, o, ORDER).fma(sv, DoubleVector.fromMemorySegment(D, b, o, ORDER))
                        .intoMemorySegment(a, o, ORDER);
            }
        }
    }
}
