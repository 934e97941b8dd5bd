package dev.flopcal.kernels;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API bandwidth kernels: four full-width vectors per step (a read sums into eight independent accumulators, so
 * that the adds' latency never limits the loads), then single vectors, then a scalar tail. Each call sweeps its range
 * {@code passes} times inside one compiled loop nest: called once per sweep of a 24 KiB set, the call's entry and exit
 * cost a fifth of the time (docs/kernels.md#bandwidth-kernels).
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
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        long start = from * Double.BYTES, end8 = start + (to - from) / (8L * D.length()) * 8 * V;
        long end1 = start + (to - from) / D.length() * V;
        double tail = 0;
        for (int p = 0; p < passes; p++) {
            long o = start;
            for (; o < end8; o += 8 * V) {
                s0 = s0.add(DoubleVector.fromMemorySegment(D, a, o, ORDER));
                s1 = s1.add(DoubleVector.fromMemorySegment(D, a, o + V, ORDER));
                s2 = s2.add(DoubleVector.fromMemorySegment(D, a, o + 2 * V, ORDER));
                s3 = s3.add(DoubleVector.fromMemorySegment(D, a, o + 3 * V, ORDER));
                s4 = s4.add(DoubleVector.fromMemorySegment(D, a, o + 4 * V, ORDER));
                s5 = s5.add(DoubleVector.fromMemorySegment(D, a, o + 5 * V, ORDER));
                s6 = s6.add(DoubleVector.fromMemorySegment(D, a, o + 6 * V, ORDER));
                s7 = s7.add(DoubleVector.fromMemorySegment(D, a, o + 7 * V, ORDER));
            }
            for (; o < end1; o += V) {
                s0 = s0.add(DoubleVector.fromMemorySegment(D, a, o, ORDER));
            }
            for (long i = o / Double.BYTES; i < to; i++) {
                tail += a.getAtIndex(JAVA_DOUBLE, i);
            }
        }
        return s0.add(s1).add(s2.add(s3)).add(s4.add(s5).add(s6.add(s7))).reduceLanes(VectorOperators.ADD) + tail;
    }

    @Override
    public void write(MemorySegment a, double value, long from, long to, int passes) {
        DoubleVector v = DoubleVector.broadcast(D, value);
        long start = from * Double.BYTES, end4 = start + (to - from) / (4L * D.length()) * 4 * V;
        long end1 = start + (to - from) / D.length() * V;
        for (int p = 0; p < passes; p++) {
            long o = start;
            for (; o < end4; o += 4 * V) {
                v.intoMemorySegment(a, o, ORDER);
                v.intoMemorySegment(a, o + V, ORDER);
                v.intoMemorySegment(a, o + 2 * V, ORDER);
                v.intoMemorySegment(a, o + 3 * V, ORDER);
            }
            for (; o < end1; o += V) {
                v.intoMemorySegment(a, o, ORDER);
            }
            for (long i = o / Double.BYTES; i < to; i++) {
                a.setAtIndex(JAVA_DOUBLE, i, value);
            }
        }
    }

    @Override
    public void copy(MemorySegment dst, MemorySegment src, long from, long to, int passes) {
        long start = from * Double.BYTES, end4 = start + (to - from) / (4L * D.length()) * 4 * V;
        long end1 = start + (to - from) / D.length() * V;
        for (int p = 0; p < passes; p++) {
            long o = start;
            for (; o < end4; o += 4 * V) {
                DoubleVector.fromMemorySegment(D, src, o, ORDER).intoMemorySegment(dst, o, ORDER);
                DoubleVector.fromMemorySegment(D, src, o + V, ORDER).intoMemorySegment(dst, o + V, ORDER);
                DoubleVector.fromMemorySegment(D, src, o + 2 * V, ORDER).intoMemorySegment(dst, o + 2 * V, ORDER);
                DoubleVector.fromMemorySegment(D, src, o + 3 * V, ORDER).intoMemorySegment(dst, o + 3 * V, ORDER);
            }
            for (; o < end1; o += V) {
                DoubleVector.fromMemorySegment(D, src, o, ORDER).intoMemorySegment(dst, o, ORDER);
            }
            for (long i = o / Double.BYTES; i < to; i++) {
                dst.setAtIndex(JAVA_DOUBLE, i, src.getAtIndex(JAVA_DOUBLE, i));
            }
        }
    }

    @Override
    public void triad(MemorySegment a, MemorySegment b, MemorySegment c, double s, long from, long to, int passes) {
        DoubleVector sv = DoubleVector.broadcast(D, s);
        long start = from * Double.BYTES, end4 = start + (to - from) / (4L * D.length()) * 4 * V;
        long end1 = start + (to - from) / D.length() * V;
        for (int p = 0; p < passes; p++) {
            long o = start;
            for (; o < end4; o += 4 * V) {
                DoubleVector.fromMemorySegment(D, c, o, ORDER).fma(sv, DoubleVector.fromMemorySegment(D, b, o, ORDER))
                        .intoMemorySegment(a, o, ORDER);
                DoubleVector.fromMemorySegment(D, c, o + V, ORDER).fma(sv, DoubleVector.fromMemorySegment(D, b, o + V, ORDER))
                        .intoMemorySegment(a, o + V, ORDER);
                DoubleVector.fromMemorySegment(D, c, o + 2 * V, ORDER)
                        .fma(sv, DoubleVector.fromMemorySegment(D, b, o + 2 * V, ORDER)).intoMemorySegment(a, o + 2 * V, ORDER);
                DoubleVector.fromMemorySegment(D, c, o + 3 * V, ORDER)
                        .fma(sv, DoubleVector.fromMemorySegment(D, b, o + 3 * V, ORDER)).intoMemorySegment(a, o + 3 * V, ORDER);
            }
            for (; o < end1; o += V) {
                DoubleVector.fromMemorySegment(D, c, o, ORDER).fma(sv, DoubleVector.fromMemorySegment(D, b, o, ORDER))
                        .intoMemorySegment(a, o, ORDER);
            }
            for (long i = o / Double.BYTES; i < to; i++) {
                a.setAtIndex(JAVA_DOUBLE, i, Math.fma(c.getAtIndex(JAVA_DOUBLE, i), s, b.getAtIndex(JAVA_DOUBLE, i)));
            }
        }
    }
}
