package dev.flopcal.kernels;

import java.util.function.IntConsumer;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * fp64 GEMM without packing for products whose B is small: {@link SmallFp32}'s loops and tiles (6 rows × 4 vectors of
 * C, B read in place, A broadcast from its rows) on fp64 operands, read where they are. Measurements:
 * docs/kernels.md#small-products.
 */
final class SmallFp64 {
    static final VectorSpecies<Double> S = Fp64Engine.S;
    static final int L = S.length();
    /** Columns of a register tile. */
    static final int W = 4 * L;

    private final ThreadTeam team;
    private final int smallB;
    private final IntConsumer body = this::work;

    // the product in progress
    private int members;
    private int m;
    private int n;
    private int k;
    private double[] a, b, c;

    /**
     * @param team   the threads, which take rows of C in runs of 6
     * @param smallB the largest B (k·n elements) multiplied here, from {@link Blocking#smallB}
     */
    SmallFp64(ThreadTeam team, int smallB) {
        this.team = team;
        this.smallB = smallB;
    }

    /** Whether a product is computed here: n at least one tile wide and B (k·n) at most {@code smallB} elements. */
    static boolean takes(int n, int k, int smallB) {
        return n >= W && (long) k * n <= smallB;
    }

    void multiply(GemmOperands.Fp64 operands) {
        m = operands.m();
        n = operands.n();
        k = operands.k();
        if (!takes(n, k, smallB)) {
            throw new IllegalArgumentException("m=" + m + " n=" + n + " k=" + k + " is not a small product: n must"
                    + " be at least " + W + " and k·n at most " + smallB);
        }
        a = operands.a();
        b = operands.b();
        c = operands.c();
        try {
            members = (long) m * n * k <= SmallFp32.ONE_THREAD_MNK ? 1 : team.size();
            if (members == 1) {
                work(0);
            } else {
                team.run(body);
            }
        } finally {
            a = b = c = null;
        }
    }

    private void work(int member) {
        long slice = ThreadTeam.slice(member, members, m, 6);
        int to = ThreadTeam.sliceTo(slice);
        // as in SmallFp32: an A block within smallB elements, read by every strip of B
        int blockRows = Math.max(6, (int) Math.min(m, smallB / k) / 6 * 6);
        for (int i0 = ThreadTeam.sliceFrom(slice); i0 < to; i0 += blockRows) {
            int rows = Math.min(blockRows, to - i0);
            for (int j0 = 0; j0 < n; j0 += W) {
                int j = Math.min(j0, n - W);
                for (int i = i0, r; i < i0 + rows; i += r) {
                    r = SmallFp32.nextRows(i0 + rows - i);
                    switch (r) {
                        case 6 -> kernel6(a, i * k, k, b, j, n, c, i * n + j, n, k);
                        case 4 -> kernel4(a, i * k, k, b, j, n, c, i * n + j, n, k);
                        default -> kernel1(a, i * k, k, b, j, n, c, i * n + j, n, k);
                    }
                }
            }
        }
    }

    /** As {@link SmallFp32#kernel6}, in fp64. */
    static void kernel6(double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc, int k) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00,
                c13 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00, c32 = c00, c33 = c00,
                c40 = c00, c41 = c00, c42 = c00, c43 = c00, c50 = c00, c51 = c00, c52 = c00, c53 = c00;
        int a0 = ao, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int p = 0, q = bo; p < k; p++, q += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, q), b1 = DoubleVector.fromArray(S, b, q + L),
                    b2 = DoubleVector.fromArray(S, b, q + 2 * L), b3 = DoubleVector.fromArray(S, b, q + 3 * L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
            x = DoubleVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42); c43 = x.fma(b3, c43);
            x = DoubleVector.broadcast(S, a[a5 + p]);
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
    static void kernel4(double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc, int k) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00,
                c13 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        int a0 = ao, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
        for (int p = 0, q = bo; p < k; p++, q += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, q), b1 = DoubleVector.fromArray(S, b, q + L),
                    b2 = DoubleVector.fromArray(S, b, q + 2 * L), b3 = DoubleVector.fromArray(S, b, q + 3 * L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(S, a[a3 + p]);
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
    static void kernel1(double[] a, int ao, int lda, double[] b, int bo, int ldb, double[] c, int co, int ldc, int k) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c02 = c00, c03 = c00;
        int a0 = ao;
        for (int p = 0, q = bo; p < k; p++, q += ldb) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, q), b1 = DoubleVector.fromArray(S, b, q + L),
                    b2 = DoubleVector.fromArray(S, b, q + 2 * L), b3 = DoubleVector.fromArray(S, b, q + 3 * L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
        }
        c00.intoArray(c, co); c01.intoArray(c, co + L); c02.intoArray(c, co + 2 * L); c03.intoArray(c, co + 3 * L);
    }
}
