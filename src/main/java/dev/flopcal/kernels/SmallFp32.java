package dev.flopcal.kernels;

import java.util.function.IntConsumer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM without packing, for products whose B is small ({@link #takes}): B's rows are read in place as vectors and A's
 * elements broadcast from its rows into a register tile of 6 rows × 4 vectors of C (24 accumulators, 4 B vectors and
 * a broadcast in 32 registers), stored straight into C.
 *
 * <p>Why: while B fits in L2, packing A and B, the scratch tile and the C update cost more than the strided reads of
 * B they save; at n = 64 they were half of the packed product's time. Rows of C come in tiles of 6, then 4, then 1
 * ({@link #nextRows}); columns in strips of 4 vectors, the last strip moved left to end at n, its overlap with the
 * strip before computed twice to the same bits. Each thread takes its own rows. Measurements against OpenBLAS and the
 * packed path, and the size limit: docs/kernels.md#small-products.
 *
 * <p>fp32 operands are read where they are. bf16 and fp16 are widened to fp32 first, B whole and A a block of rows
 * at a time (both row-major, so a vector at a time). int8 is widened likewise and, as in {@link Fp32Engine}, summed in
 * fp32 over blocks of at most {@link Fp32Engine#INT8_EXACT_DEPTH} of the depth (exact) and in int32 across blocks.
 */
final class SmallFp32 {
    static final VectorSpecies<Float> S = Fp32Engine.S;
    static final VectorSpecies<Integer> IS = Fp32Engine.IS;
    static final int L = S.length();
    /** Columns of a register tile. */
    static final int W = 4 * L;
    /**
     * Products of at most this many multiply-adds (m·n·k) run on the calling thread alone: at n = 64 handing half the
     * rows to a second thread cost more than it saved, at n = 96 it paid. Measurements:
     * docs/kernels.md#small-products.
     */
    static final long ONE_THREAD_MNK = 64L * 64 * 64;

    private enum Kind { FP32, BF16, FP16, INT8 }

    private final ThreadTeam team;
    private final int smallB;
    private final IntConsumer body = this::work;
    /**
     * Per member, bf16, fp16 and int8: B widened to fp32. Each member widens the whole of B for itself: one buffer
     * written by one thread and read by the other cost more in cache-line transfers than the product on 2 threads
     * (docs/kernels.md#small-products).
     */
    private final float[][] wideB;
    /** Per member: a block of A's rows widened to fp32. */
    private final float[][] wideA;
    /** Per member, int8: a block of C's rows summed in fp32 over one block of the depth. */
    private final float[][] sums;

    // the product in progress
    private int members;
    private Kind kind;
    private int m;
    private int n;
    private int k;
    private float[] af, bf, cf;
    private short[] as, bs;
    private byte[] ab, bb;
    private int[] ci;

    /**
     * @param team   the threads, which take rows of C in runs of 6
     * @param smallB the largest B (k·n elements) multiplied here, from {@link Blocking#smallB}
     */
    SmallFp32(ThreadTeam team, int smallB) {
        this.team = team;
        this.smallB = smallB;
        this.wideA = new float[team.size()][0];
        this.wideB = new float[team.size()][0];
        this.sums = new float[team.size()][0];
    }

    /** Whether a product is computed here: n at least one tile wide and B (k·n) at most {@code smallB} elements. */
    static boolean takes(int n, int k, int smallB) {
        return n >= W && (long) k * n <= smallB;
    }

    void multiply(GemmOperands operands) {
        m = operands.m();
        n = operands.n();
        k = operands.k();
        if (!takes(n, k, smallB)) {
            throw new IllegalArgumentException("m=" + m + " n=" + n + " k=" + k + " is not a small product: n must"
                    + " be at least " + W + " and k·n at most " + smallB);
        }
        switch (operands) {
            case GemmOperands.Fp32 o -> {
                kind = Kind.FP32;
                af = o.a();
                bf = o.b();
                cf = o.c();
            }
            case GemmOperands.Bf16Operands o -> {
                kind = Kind.BF16;
                as = o.a();
                bs = o.b();
                cf = o.c();
            }
            case GemmOperands.Fp16 o -> {
                kind = Kind.FP16;
                as = o.a();
                bs = o.b();
                cf = o.c();
            }
            case GemmOperands.Int8 o -> {
                kind = Kind.INT8;
                ab = o.a();
                bb = o.b();
                ci = o.c();
            }
            default -> throw new IllegalArgumentException(
                    "fp32 small products cannot multiply " + operands.precision());
        }
        try {
            members = (long) m * n * k <= SmallFp32.ONE_THREAD_MNK ? 1 : team.size();
            if (members == 1) {
                work(0);
            } else {
                team.run(body);
            }
        } finally {
            af = bf = cf = null;
            as = bs = null;
            ab = bb = null;
            ci = null;
        }
    }

    private void work(int member) {
        long slice = ThreadTeam.slice(member, members, m, 6);
        int to = ThreadTeam.sliceTo(slice);
        if (ThreadTeam.sliceFrom(slice) >= to) {
            return;
        }
        float[] b = kind == Kind.FP32 ? bf : widenB(member);
        // A block (rows × k) within smallB elements, so that it stays in L2 beside B while every strip of B reads it
        int blockRows = Math.max(6, (int) Math.min(m, smallB / k) / 6 * 6);
        for (int i0 = ThreadTeam.sliceFrom(slice); i0 < to; i0 += blockRows) {
            int rows = Math.min(blockRows, to - i0);
            switch (kind) {
                case FP32 -> block(af, i0 * k, k, b, 0, cf, i0 * n, rows, k);
                case BF16, FP16 -> block(widenA(member, i0, rows), 0, k, b, 0, cf, i0 * n, rows, k);
                case INT8 -> {
                    float[] a = widenA(member, i0, rows);
                    if (sums[member].length < rows * n) {
                        sums[member] = new float[rows * n];
                    }
                    float[] s = sums[member];
                    for (int p0 = 0; p0 < k; p0 += Fp32Engine.INT8_EXACT_DEPTH) {
                        int depth = Math.min(Fp32Engine.INT8_EXACT_DEPTH, k - p0);
                        block(a, p0, k, b, p0 * n, s, 0, rows, depth);
                        addInt(s, rows * n, ci, i0 * n, p0 == 0);
                    }
                }
            }
        }
    }

    /**
     * C (rows × n from {@code co}, rows n apart) = A (rows × depth from {@code ao}, rows {@code lda} apart) · B
     * (depth × n from {@code bo}, rows n apart), strip by strip of B, each strip's tiles down the rows.
     */
    private void block(float[] a, int ao, int lda, float[] b, int bo, float[] c, int co, int rows, int depth) {
        for (int j0 = 0; j0 < n; j0 += W) {
            int j = Math.min(j0, n - W);
            for (int i = 0, r; i < rows; i += r) {
                r = nextRows(rows - i);
                int ai = ao + i * lda, cij = co + i * n + j;
                switch (r) {
                    case 6 -> kernel6(a, ai, lda, b, bo + j, n, c, cij, n, depth);
                    case 4 -> kernel4(a, ai, lda, b, bo + j, n, c, cij, n, depth);
                    default -> kernel1(a, ai, lda, b, bo + j, n, c, cij, n, depth);
                }
            }
        }
    }

    /**
     * Rows of the next tile when {@code left} rows remain: 6s, then 4s where a 6 would leave 2 (64 = 6·10 + 4,
     * 32 = 6·4 + 4 + 4), an odd row last on its own (the 1-row tile reads 4 B vectors for 4 FMAs, so it is kept rare).
     */
    static int nextRows(int left) {
        int even = left & ~1;
        if (even <= 2) {
            return 1;
        }
        int rest = even % 6;
        return rest == 0 || rest == 4 && even > 4 || rest == 2 && even > 8 ? 6 : 4;
    }

    /** B widened into member's own buffer. */
    private float[] widenB(int member) {
        int count = k * n;
        if (wideB[member].length < count) {
            wideB[member] = new float[count];
        }
        float[] dst = wideB[member];
        if (kind == Kind.INT8) {
            widen(bb, 0, count, dst);
        } else {
            widen(bs, 0, count, dst, kind == Kind.FP16);
        }
        return dst;
    }

    /** Rows [i0, i0 + rows) of the narrow A widened into member's buffer, row-major. */
    private float[] widenA(int member, int i0, int rows) {
        int count = rows * k;
        if (wideA[member].length < count) {
            wideA[member] = new float[count];
        }
        float[] dst = wideA[member];
        if (kind == Kind.INT8) {
            widen(ab, i0 * k, count, dst);
        } else {
            widen(as, i0 * k, count, dst, kind == Kind.FP16);
        }
        return dst;
    }

    /** {@code count} bf16 or fp16 values from {@code src[from..]} into {@code dst[0..]}, a vector at a time. */
    static void widen(short[] src, int from, int count, float[] dst, boolean fp16) {
        int i = 0;
        if (Fp32Engine.SS != null) {
            for (; i + L <= count; i += L) {
                if (fp16) {
                    Fp32Engine.widenFp16(src, from + i, dst, i);
                } else {
                    Fp32Engine.widenBf16(src, from + i, dst, i);
                }
            }
        }
        for (; i < count; i++) {
            dst[i] = fp16 ? Float.float16ToFloat(src[from + i]) : Bf16.toFloat(src[from + i]);
        }
    }

    /** {@code count} int8 values from {@code src[from..]} into {@code dst[0..]}, a vector at a time. */
    static void widen(byte[] src, int from, int count, float[] dst) {
        int i = 0;
        if (Fp32Engine.BS != null) {
            for (; i + L <= count; i += L) {
                Fp32Engine.widenInt8(src, from + i, dst, i);
            }
        }
        for (; i < count; i++) {
            dst[i] = src[from + i];
        }
    }

    /** int32 {@code c[co..co+count)} (+)= the block sums, which are exact integers in fp32. */
    static void addInt(float[] s, int count, int[] c, int co, boolean first) {
        int i = 0;
        for (; i + L <= count; i += L) {
            IntVector x = (IntVector) FloatVector.fromArray(S, s, i).convert(VectorOperators.F2I, 0);
            if (!first) {
                x = x.add(IntVector.fromArray(IS, c, co + i));
            }
            x.intoArray(c, co + i);
        }
        for (; i < count; i++) {
            int x = (int) s[i];
            c[co + i] = first ? x : c[co + i] + x;
        }
    }

    /**
     * C tile (6 rows from {@code co}, 4 vectors wide, rows ldc apart) = 6 rows of A from {@code ao} (lda apart) · B
     * from {@code bo} (rows ldb apart), over depth k. Plain loads and stores: the same tile with masked loads and
     * stores, which would have covered the last columns, measured slower, and in one run fell to a hundredth.
     */
    static void kernel6(float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, int k) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00,
                c13 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00, c32 = c00, c33 = c00,
                c40 = c00, c41 = c00, c42 = c00, c43 = c00, c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        int a0 = ao, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int p = 0, q = bo; p < k; p++, q += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, q), b1 = FloatVector.fromArray(S, b, q + L),
                    b2 = FloatVector.fromArray(S, b, q + 2 * L), b3 = FloatVector.fromArray(S, b, q + 3 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42); c43 = x.fma(b3, c43);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52); c53 = x.fma(b3, c53);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L); c03.intoArray(c, co + 3 * L);
        co += ldc;
        c10.intoArray(c, co); c11.intoArray(c, co + L); c12.intoArray(c, co + 2 * L); c13.intoArray(c, co + 3 * L);
        co += ldc;
        c20.intoArray(c, co); c21.intoArray(c, co + L); c22.intoArray(c, co + 2 * L); c23.intoArray(c, co + 3 * L);
        co += ldc;
        c30.intoArray(c, co); c31.intoArray(c, co + L); c32.intoArray(c, co + 2 * L); c33.intoArray(c, co + 3 * L);
        co += ldc;
        c40.intoArray(c, co); c41.intoArray(c, co + L); c42.intoArray(c, co + 2 * L); c43.intoArray(c, co + 3 * L);
        co += ldc;
        c50.intoArray(c, co); c51.intoArray(c, co + L); c52.intoArray(c, co + 2 * L); c53.intoArray(c, co + 3 * L);
    }

    /** {@link #kernel6} for 4 rows. */
    static void kernel4(float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, int k) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00,
                c13 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int a0 = ao, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        for (int p = 0, q = bo; p < k; p++, q += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, q), b1 = FloatVector.fromArray(S, b, q + L),
                    b2 = FloatVector.fromArray(S, b, q + 2 * L), b3 = FloatVector.fromArray(S, b, q + 3 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L); c03.intoArray(c, co + 3 * L);
        co += ldc;
        c10.intoArray(c, co); c11.intoArray(c, co + L); c12.intoArray(c, co + 2 * L); c13.intoArray(c, co + 3 * L);
        co += ldc;
        c20.intoArray(c, co); c21.intoArray(c, co + L); c22.intoArray(c, co + 2 * L); c23.intoArray(c, co + 3 * L);
        co += ldc;
        c30.intoArray(c, co); c31.intoArray(c, co + L); c32.intoArray(c, co + 2 * L); c33.intoArray(c, co + 3 * L);
    }

    /** {@link #kernel6} for 1 row. */
    static void kernel1(float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc, int k) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        int a0 = ao;
        for (int p = 0, q = bo; p < k; p++, q += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, q), b1 = FloatVector.fromArray(S, b, q + L),
                    b2 = FloatVector.fromArray(S, b, q + 2 * L), b3 = FloatVector.fromArray(S, b, q + 3 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L); c03.intoArray(c, co + 3 * L);
    }
}
