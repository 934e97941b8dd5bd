package dev.flopcal.kernels;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import java.lang.foreign.MemorySegment;

/** Plain-Java twins of the bandwidth kernels, one element at a time. */
public final class ScalarStreams implements Streams {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public double read(MemorySegment a, long from, long to, int passes) {
        double sum = 0;
        for (int p = 0; p < passes; p++) {
            for (long i = from; i < to; i++) {
                sum += a.getAtIndex(JAVA_DOUBLE, i);
            }
        }
        return sum;
    }

    @Override
    public void write(MemorySegment a, double value, long from, long to, int passes) {
        for (int p = 0; p < passes; p++) {
            for (long i = from; i < to; i++) {
                a.setAtIndex(JAVA_DOUBLE, i, value);
            }
        }
    }

    @Override
    public void copy(MemorySegment dst, MemorySegment src, long from, long to, int passes) {
        for (int p = 0; p < passes; p++) {
            for (long i = from; i < to; i++) {
                dst.setAtIndex(JAVA_DOUBLE, i, src.getAtIndex(JAVA_DOUBLE, i));
            }
        }
    }

    @Override
    public void triad(MemorySegment a, MemorySegment b, MemorySegment c, double s, long from, long to, int passes) {
        for (int p = 0; p < passes; p++) {
            for (long i = from; i < to; i++) {
                a.setAtIndex(JAVA_DOUBLE, i, Math.fma(c.getAtIndex(JAVA_DOUBLE, i), s, b.getAtIndex(JAVA_DOUBLE, i)));
            }
        }
    }
}
