package dev.flopcal.kernels;

import java.util.Arrays;
import java.util.SplittableRandom;

import dev.flopcal.core.Precision;

/**
 * The register-blocked micro-kernel of {@link VectorGemm} alone, on packed panels small enough to stay in the L1
 * cache: no packing, no cache misses, no update of C. Its rate sits between two other measured figures and splits
 * the gap between them:
 * <pre>
 *   FMA ceiling  →  micro-kernel in L1  →  GEMM
 *   (the pipes)     (what the JIT makes      (what packing, cache misses and
 *                    of the inner loop)       the C update leave of it)
 * </pre>
 * Not obtainable where {@code jdk.incubator.vector} is absent: there is no Vector API loop to measure.
 */
public final class MicroKernel {
    /**
     * Panel depth at which both panels of either precision fit a 32 KiB L1 (12×32 fp32: 22 KiB; 12×16 fp64:
     * 28 KiB) while the per-call epilogue stays a few percent of the loop: what "the micro-kernel in L1" means.
     */
    public static final int L1_DEPTH = 128;

    /** Deepest panel accepted: a 12×kc fp64 A panel of this depth is 384 KiB, far past any L1 already. */
    public static final int MAX_DEPTH = 4096;

    private final Precision precision;
    private final int mr;
    private final int nr;
    private final int kc;
    private final float[] fa, fb, ft;
    private final double[] da, db, dt;
    /** Where the B panel and the tile start: on cache lines, as in the engines; found again every 4096 runs. */
    private int bo, to, runs;

    /**
     * The micro-kernel GEMM uses on this machine for fp32 (which bf16, fp16 and int8 also run after widening)
     * or fp64, on panels of depth {@code kc} filled with small random integers.
     *
     * @throws IllegalArgumentException      for another precision or kc outside [1, {@link #MAX_DEPTH}]
     * @throws UnsupportedOperationException where the Vector API kernels are not in use
     */
    public static MicroKernel create(Precision precision, int kc) {
        if (!Kernels.vectorAvailable()) {
            throw new UnsupportedOperationException("the micro-kernel needs the Vector API kernels;"
                    + " run java with --add-modules jdk.incubator.vector");
        }
        return new MicroKernel(precision, kc, Fp32Engine.defaultMr());
    }

    MicroKernel(Precision precision, int kc, int mr) {
        if (precision != Precision.FP32 && precision != Precision.FP64) {
            throw new IllegalArgumentException("the micro-kernel runs fp32 or fp64, not " + precision
                    + " (bf16, fp16 and int8 run the fp32 micro-kernel after widening while packing)");
        }
        if (kc < 1 || kc > MAX_DEPTH) {
            throw new IllegalArgumentException("panel depth kc must be in [1, " + MAX_DEPTH + "], got " + kc);
        }
        if (mr != 12 && mr != 6) {
            throw new IllegalArgumentException("micro-tile height must be 12 or 6, got " + mr);
        }
        this.precision = precision;
        this.mr = mr;
        this.kc = kc;
        SplittableRandom random = new SplittableRandom(20261122L + kc);
        if (precision == Precision.FP64) {
            nr = Fp64Engine.NR;
            da = random.doubles((long) mr * kc, -4, 5).map(Math::floor).toArray();
            db = Arrays.copyOf(random.doubles((long) kc * nr, -4, 5).map(Math::floor).toArray(),
                    kc * nr + CacheLines.SLACK_DOUBLES);
            dt = new double[mr * nr + CacheLines.SLACK_DOUBLES];
            fa = fb = ft = null;
        } else {
            nr = Fp32Engine.NR;
            fa = toFloat(random.doubles((long) mr * kc, -4, 5).map(Math::floor).toArray());
            fb = Arrays.copyOf(toFloat(random.doubles((long) kc * nr, -4, 5).map(Math::floor).toArray()),
                    kc * nr + CacheLines.SLACK_FLOATS);
            ft = new float[mr * nr + CacheLines.SLACK_FLOATS];
            da = db = dt = null;
        }
    }

    /** One call: the mr×nr tile of products of the A panel (mr×kc) and the B panel (kc×nr), into a scratch tile. */
    public void run() {
        if ((runs++ & 4095) == 0) {
            align();
        }
        if (dt != null) {
            if (mr == 12) {
                Fp64Engine.kernel12(da, 0, db, bo, kc, dt, to);
            } else {
                Fp64Engine.kernel6(da, 0, db, bo, kc, dt, to);
            }
        } else if (mr == 12) {
            Fp32Engine.kernel12(fa, 0, fb, bo, kc, ft, to);
        } else {
            Fp32Engine.kernel6(fa, 0, fb, bo, kc, ft, to);
        }
    }

    /** Moves the B panel to the first cache-line boundary of its array (if it is not there) and finds the tile's. */
    private void align() {
        int b = dt != null ? CacheLines.doublesToLine(db) : CacheLines.floatsToLine(fb);
        if (b != bo) {
            int length = kc * nr;
            if (dt != null) {
                System.arraycopy(db, bo, db, b, length);
            } else {
                System.arraycopy(fb, bo, fb, b, length);
            }
            bo = b;
        }
        to = dt != null ? CacheLines.doublesToLine(dt) : CacheLines.floatsToLine(ft);
    }

    /**
     * Runs once and compares every element of the tile with a plain-Java sum of the same products. The panels
     * hold integers in [-4, 4], so every partial sum is exact in either precision and the comparison is exact.
     *
     * @throws IllegalStateException naming the first element that differs
     */
    public void verify() {
        run();
        for (int i = 0; i < mr; i++) {
            for (int j = 0; j < nr; j++) {
                double expected = 0;
                for (int p = 0; p < kc; p++) {
                    expected += dt != null ? da[p * mr + i] * db[bo + p * nr + j]
                            : (double) fa[p * mr + i] * fb[bo + p * nr + j];
                }
                double actual = dt != null ? dt[to + i * nr + j] : ft[to + i * nr + j];
                if (actual != expected) {
                    throw new IllegalStateException(precision + " micro-kernel " + tile() + " at kc=" + kc
                            + " computed " + actual + " at (" + i + ", " + j + "), the plain sum is " + expected);
                }
            }
        }
    }

    /** One element of the last tile computed, for a benchmark to consume. */
    public double checksum() {
        return dt != null ? dt[to + mr * nr - 1] : ft[to + mr * nr - 1];
    }

    /** Operations of one {@link #run()}: 2·mr·nr·kc. */
    public double operations() {
        return 2.0 * mr * nr * kc;
    }

    /** Register tile as rows × columns, e.g. {@code "12x32"}. */
    public String tile() {
        return mr + "x" + nr;
    }

    /** Bytes of the two panels, for checking that they fit the L1 data cache. */
    public long panelBytes() {
        int elem = dt != null ? Double.BYTES : Float.BYTES;
        return (long) (mr + nr) * kc * elem;
    }

    public Precision precision() {
        return precision;
    }

    public int depth() {
        return kc;
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
