package dev.flopcal.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packed GEMM on fp32 panels, for every input format that widens exactly to fp32: fp32 itself, bf16, fp16 and
 * int8. Narrow formats are widened while packing, so the micro-kernel, and its FLOP rate, is the fp32 one; the
 * JDK's Vector API has no bf16/fp16 species and does not emit dot-product instructions (VNNI, AVX512-BF16).
 *
 * <p>int8 is exact: products of int8 values are integers below 2^14 in magnitude and a block of at most 1024
 * of them sums below 2^24, so every partial sum in the fp32 accumulator is an exactly representable integer.
 * Each such block is converted to int32 and accumulated in int32 across blocks.
 */
final class Fp32Engine extends BlockedGemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> IS = S.withLanes(int.class);
    static final int L = S.length();
    static final int NR = 2 * L;
    /** Largest depth whose int8 partial sums are exact in fp32: 1024 · 2^14 = 2^24. */
    static final int INT8_EXACT_DEPTH = 1024;

    private enum Kind { FP32, BF16, FP16, INT8 }

    private final float[][] packB;
    /** Per member, the index where its packed B panels start: the first that begins a cache line. */
    private final int[] bBase;
    private final float[][] packA;
    private final float[][] scratch;
    /** Per member, the index where its scratch tile starts: the first that begins a cache line. */
    private final int[] tBase;

    // operands of the product in progress
    private Kind kind;
    private int lda;
    private int ldb;
    private int ldc;
    private float[] af, bf;
    private short[] as, bs;
    private byte[] ab, bb;
    private float[] cf;
    private int[] ci;

    Fp32Engine(int mr, Blocking blocking, ThreadTeam team, boolean int8) {
        super(mr, NR, blocking, int8 ? INT8_EXACT_DEPTH : Integer.MAX_VALUE, team);
        this.packB = new float[team.size()][kcMax * nc + CacheLines.SLACK_FLOATS];
        this.bBase = new int[team.size()];
        this.packA = new float[team.size()][kcMax * mc];
        this.scratch = new float[team.size()][mr * NR + CacheLines.SLACK_FLOATS];
        this.tBase = new int[team.size()];
    }

    /** Micro-tile height for this machine: 12 rows (24 accumulators) with 32 vector registers, else 6. */
    static int defaultMr() {
        return VectorRegisters.count() >= 32 ? 12 : 6;
    }

    void multiply(GemmOperands operands) {
        int m = operands.m(), n = operands.n(), k = operands.k();
        lda = k;
        ldb = n;
        ldc = n;
        switch (operands) {
            case GemmOperands.Fp32 o -> { kind = Kind.FP32; af = o.a(); bf = o.b(); cf = o.c(); }
            case GemmOperands.Bf16Operands o -> { kind = Kind.BF16; as = o.a(); bs = o.b(); cf = o.c(); }
            case GemmOperands.Fp16 o -> { kind = Kind.FP16; as = o.a(); bs = o.b(); cf = o.c(); }
            case GemmOperands.Int8 o -> { kind = Kind.INT8; ab = o.a(); bb = o.b(); ci = o.c(); }
            default -> throw new IllegalArgumentException("fp32 engine cannot multiply " + operands.precision());
        }
        for (int member = 0; member < packB.length; member++) {
            bBase[member] = CacheLines.floatsToLine(packB[member]);
            tBase[member] = CacheLines.floatsToLine(scratch[member]);
        }
        try {
            run(m, n, k);
        } finally {
            af = bf = cf = null;
            as = bs = null;
            ab = bb = null;
            ci = null;
        }
    }

    @Override
    void packB(int member, int pc, int kc, int col0, int width, int panel0) {
        float[] dst = packB[member];
        int panelSize = kc * NR;
        for (int p = 0; p < kc; p++) {
            int src = (pc + p) * ldb + col0;
            for (int j0 = 0; j0 < width; j0 += NR) {
                int cols = Math.min(NR, width - j0);
                int out = bBase[member] + (panel0 + j0 / NR) * panelSize + p * NR;
                int s = src + j0;
                switch (kind) {
                    case FP32 -> {
                        if (cols == NR) {
                            // two vector copies; System.arraycopy of 32 elements costs a stub call (BlockedGemm.packB)
                            FloatVector.fromArray(S, bf, s).intoArray(dst, out);
                            FloatVector.fromArray(S, bf, s + L).intoArray(dst, out + L);
                        } else {
                            System.arraycopy(bf, s, dst, out, cols);
                        }
                    }
                    case BF16 -> { for (int j = 0; j < cols; j++) dst[out + j] = Float.intBitsToFloat(bs[s + j] << 16); }
                    case FP16 -> { for (int j = 0; j < cols; j++) dst[out + j] = Float.float16ToFloat(bs[s + j]); }
                    case INT8 -> { for (int j = 0; j < cols; j++) dst[out + j] = bb[s + j]; }
                }
                if (cols < NR) {
                    java.util.Arrays.fill(dst, out + cols, out + NR, 0f);
                }
            }
        }
    }

    @Override
    void packA(int member, int row, int rows, int pc, int kc) {
        float[] dst = packA[member];
        for (int r0 = 0; r0 < rows; r0 += mr) {
            int o = r0 * kc;
            int valid = Math.min(mr, rows - r0);
            // rows interleaved: the next kc elements of all rows of the panel stream in together (each from its own
            // 4 KiB page when rows are a power of two long), so their cache misses overlap; writes are contiguous
            int s = (row + r0) * lda + pc;
            switch (kind) {
                case FP32 -> {
                    if (valid == 12) {
                        packA12(af, s, lda, kc, dst, o);
                    } else {
                        for (int p = 0; p < kc; p++, o += mr) for (int i = 0; i < valid; i++) dst[o + i] = af[s + p + i * lda];
                    }
                }
                case BF16 -> { for (int p = 0; p < kc; p++, o += mr) for (int i = 0; i < valid; i++) dst[o + i] = Float.intBitsToFloat(as[s + p + i * lda] << 16); }
                case FP16 -> { for (int p = 0; p < kc; p++, o += mr) for (int i = 0; i < valid; i++) dst[o + i] = Float.float16ToFloat(as[s + p + i * lda]); }
                case INT8 -> { for (int p = 0; p < kc; p++, o += mr) for (int i = 0; i < valid; i++) dst[o + i] = ab[s + p + i * lda]; }
            }
            if (valid < mr) {
                for (int p = 0, z = r0 * kc; p < kc; p++, z += mr) {
                    for (int i = valid; i < mr; i++) dst[z + i] = 0f;
                }
            }
        }
    }

    /** The fp32 panel of 12 full rows, unrolled: the common case, about twice as fast as the loop over rows. */
    private static void packA12(float[] a, int s, int l, int kc, float[] dst, int o) {
        for (int p = 0, q = s; p < kc; p++, o += 12, q++) {
            dst[o] = a[q]; dst[o + 1] = a[q + l]; dst[o + 2] = a[q + 2 * l]; dst[o + 3] = a[q + 3 * l];
            dst[o + 4] = a[q + 4 * l]; dst[o + 5] = a[q + 5 * l]; dst[o + 6] = a[q + 6 * l]; dst[o + 7] = a[q + 7 * l];
            dst[o + 8] = a[q + 8 * l]; dst[o + 9] = a[q + 9 * l]; dst[o + 10] = a[q + 10 * l]; dst[o + 11] = a[q + 11 * l];
        }
    }

    @Override
    void tile(int member, int aOffset, int bOffset, int kc, int row, int col, int rows, int cols, boolean first) {
        float[] t = scratch[member];
        if (mr == 12) {
            kernel12(packA[member], aOffset, packB[member], bBase[member] + bOffset, kc, t, tBase[member]);
        } else {
            kernel6(packA[member], aOffset, packB[member], bBase[member] + bOffset, kc, t, tBase[member]);
        }
        int c0 = row * ldc + col;
        if (cf != null) {
            storeTile(t, tBase[member], rows, cols, cf, c0, ldc, first);
        } else {
            storeTileInt(t, tBase[member], rows, cols, ci, c0, ldc, first);
        }
    }

    /**
     * C tile (+)= scratch tile (starting at index {@code to}); whole vectors where the tile is full width, element by
     * element at the right edge.
     */
    static void storeTile(float[] t, int to, int rows, int cols, float[] c, int c0, int ldc, boolean first) {
        for (int i = 0; i < rows; i++) {
            int src = to + i * NR, dst = c0 + i * ldc;
            if (cols == NR) {
                for (int v = 0; v < NR; v += L) {
                    FloatVector x = FloatVector.fromArray(S, t, src + v);
                    if (!first) {
                        x = x.add(FloatVector.fromArray(S, c, dst + v));
                    }
                    x.intoArray(c, dst + v);
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    c[dst + j] = first ? t[src + j] : c[dst + j] + t[src + j];
                }
            }
        }
    }

    /** int32 C tile (+)= scratch tile, whose values are exact integers (see the class comment). */
    static void storeTileInt(float[] t, int to, int rows, int cols, int[] c, int c0, int ldc, boolean first) {
        for (int i = 0; i < rows; i++) {
            int src = to + i * NR, dst = c0 + i * ldc;
            if (cols == NR) {
                for (int v = 0; v < NR; v += L) {
                    IntVector x = (IntVector) FloatVector.fromArray(S, t, src + v).convert(VectorOperators.F2I, 0);
                    if (!first) {
                        x = x.add(IntVector.fromArray(IS, c, dst + v));
                    }
                    x.intoArray(c, dst + v);
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    int x = (int) t[src + j];
                    c[dst + j] = first ? x : c[dst + j] + x;
                }
            }
        }
    }

    /**
     * Scratch tile t (12×NR, row-major) = A panel (12×kc) · B panel (kc×NR): 24 accumulators, 2 B vectors and 1
     * broadcast live in registers. The epilogue is plain stores into the L1-resident tile: C2 stops inlining once
     * a method's IR grows past NodeCountInliningCutoff, and a Vector API call that is not inlined runs boxed,
     * an order of magnitude slower, so all work on C happens in {@link #storeTile}.
     */
    static void kernel12(float[] pa, int ao, float[] pb, int bo, int kc, float[] t, int to) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00,
                c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00,
                c60 = c00, c61 = c00, c70 = c00, c71 = c00, c80 = c00, c81 = c00,
                c90 = c00, c91 = c00, ca0 = c00, ca1 = c00, cb0 = c00, cb1 = c00;
        // offsets advanced by addition: fewer integer µops competing with the FMAs for ports 0 and 5
        for (int p = 0, a = ao, b = bo; p < kc; p++, a += 12, b += NR) {
            FloatVector b0 = FloatVector.fromArray(S, pb, b);
            FloatVector b1 = FloatVector.fromArray(S, pb, b + L);
            FloatVector x;
            x = FloatVector.broadcast(S, pa[a]);      c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, pa[a + 1]);  c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, pa[a + 2]);  c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, pa[a + 3]);  c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, pa[a + 4]);  c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, pa[a + 5]);  c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, pa[a + 6]);  c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, pa[a + 7]);  c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(S, pa[a + 8]);  c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(S, pa[a + 9]);  c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = FloatVector.broadcast(S, pa[a + 10]); ca0 = x.fma(b0, ca0); ca1 = x.fma(b1, ca1);
            x = FloatVector.broadcast(S, pa[a + 11]); cb0 = x.fma(b0, cb0); cb1 = x.fma(b1, cb1);
        }
        c00.intoArray(t, to);                    c01.intoArray(t, to + L);
        c10.intoArray(t, to + 1 * NR);           c11.intoArray(t, to + 1 * NR + L);
        c20.intoArray(t, to + 2 * NR);           c21.intoArray(t, to + 2 * NR + L);
        c30.intoArray(t, to + 3 * NR);           c31.intoArray(t, to + 3 * NR + L);
        c40.intoArray(t, to + 4 * NR);           c41.intoArray(t, to + 4 * NR + L);
        c50.intoArray(t, to + 5 * NR);           c51.intoArray(t, to + 5 * NR + L);
        c60.intoArray(t, to + 6 * NR);           c61.intoArray(t, to + 6 * NR + L);
        c70.intoArray(t, to + 7 * NR);           c71.intoArray(t, to + 7 * NR + L);
        c80.intoArray(t, to + 8 * NR);           c81.intoArray(t, to + 8 * NR + L);
        c90.intoArray(t, to + 9 * NR);           c91.intoArray(t, to + 9 * NR + L);
        ca0.intoArray(t, to + 10 * NR);          ca1.intoArray(t, to + 10 * NR + L);
        cb0.intoArray(t, to + 11 * NR);          cb1.intoArray(t, to + 11 * NR + L);
    }

    /** The 6×2L variant for machines with 16 vector registers (12 accumulators). */
    static void kernel6(float[] pa, int ao, float[] pb, int bo, int kc, float[] t, int to) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00,
                c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0, a = ao, b = bo; p < kc; p++, a += 6, b += NR) {
            FloatVector b0 = FloatVector.fromArray(S, pb, b);
            FloatVector b1 = FloatVector.fromArray(S, pb, b + L);
            FloatVector x;
            x = FloatVector.broadcast(S, pa[a]);     c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, pa[a + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, pa[a + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, pa[a + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, pa[a + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, pa[a + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        c00.intoArray(t, to);                    c01.intoArray(t, to + L);
        c10.intoArray(t, to + 1 * NR);           c11.intoArray(t, to + 1 * NR + L);
        c20.intoArray(t, to + 2 * NR);           c21.intoArray(t, to + 2 * NR + L);
        c30.intoArray(t, to + 3 * NR);           c31.intoArray(t, to + 3 * NR + L);
        c40.intoArray(t, to + 4 * NR);           c41.intoArray(t, to + 4 * NR + L);
        c50.intoArray(t, to + 5 * NR);           c51.intoArray(t, to + 5 * NR + L);
    }
}
