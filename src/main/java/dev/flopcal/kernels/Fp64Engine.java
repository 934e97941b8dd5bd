package dev.flopcal.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/** Packed GEMM on fp64 panels with an fp64 FMA micro-kernel; the twin of {@link Fp32Engine}. */
final class Fp64Engine extends BlockedGemm {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int NR = 2 * L;

    private final double[][] packB;
    /** Per member, the index where its packed B panels start: the first that begins a cache line. */
    private final int[] bBase;
    private final double[][] packA;
    private final double[][] scratch;
    /** Per member, the index where its scratch tile starts: the first that begins a cache line. */
    private final int[] tBase;

    /** Whether A panels are packed by gathers ({@link PanelGather}): 12-row panels and a supported width. */
    private final boolean gatherA;
    /** {@link PanelGather#maps} for {@link #mapLda}, or null before the first product. */
    private int[][] aMaps;
    private int mapLda = -1;

    private int lda;
    private int ldb;
    private int ldc;
    private double[] a;
    private double[] b;
    private double[] c;

    Fp64Engine(int mr, Blocking blocking, ThreadTeam team) {
        super(mr, NR, blocking, Integer.MAX_VALUE, team);
        this.packB = new double[team.size()][kcMax * nc + CacheLines.SLACK_DOUBLES];
        this.bBase = new int[team.size()];
        this.packA = new double[team.size()][kcMax * mc];
        this.scratch = new double[team.size()][mr * NR + CacheLines.SLACK_DOUBLES];
        this.tBase = new int[team.size()];
        this.gatherA = mr == PanelGather.ROWS && PanelGather.supports(L);
    }

    void multiply(GemmOperands.Fp64 operands) {
        lda = operands.k();
        ldb = operands.n();
        ldc = operands.n();
        a = operands.a();
        b = operands.b();
        c = operands.c();
        if (gatherA && lda != mapLda) {
            aMaps = PanelGather.maps(lda, L);
            mapLda = lda;
        }
        for (int member = 0; member < packB.length; member++) {
            bBase[member] = CacheLines.doublesToLine(packB[member]);
            tBase[member] = CacheLines.doublesToLine(scratch[member]);
        }
        try {
            run(operands.m(), operands.n(), operands.k());
        } finally {
            a = b = c = null;
        }
    }

    @Override
    void packB(int member, int pc, int kc, int col0, int width, int panel0) {
        double[] dst = packB[member];
        int panelSize = kc * NR;
        for (int p = 0; p < kc; p++) {
            int src = (pc + p) * ldb + col0;
            for (int j0 = 0; j0 < width; j0 += NR) {
                int out = bBase[member] + (panel0 + j0 / NR) * panelSize + p * NR;
                if (width - j0 >= NR) {
                    // two vector copies; System.arraycopy of 16 elements costs a stub call (see BlockedGemm.packB)
                    DoubleVector.fromArray(S, b, src + j0).intoArray(dst, out);
                    DoubleVector.fromArray(S, b, src + j0 + L).intoArray(dst, out + L);
                } else {
                    int cols = width - j0;
                    System.arraycopy(b, src + j0, dst, out, cols);
                    java.util.Arrays.fill(dst, out + cols, out + NR, 0d);
                }
            }
        }
    }

    @Override
    void packA(int member, int row, int rows, int pc, int kc) {
        double[] dst = packA[member];
        for (int r0 = 0; r0 < rows; r0 += mr) {
            int o = r0 * kc;
            int valid = Math.min(mr, rows - r0);
            // rows interleaved, as in Fp32Engine.packA: the rows' cache misses overlap; 12-row panels by gathers
            int s = (row + r0) * lda + pc;
            if (gatherA) {
                packA12Gather(a, s, lda, kc, dst, o, aMaps[valid], valid);
                continue;
            }
            for (int p = 0; p < kc; p++, o += mr) {
                for (int i = 0; i < valid; i++) dst[o + i] = a[s + p + i * lda];
                for (int i = valid; i < mr; i++) dst[o + i] = 0d;
            }
        }
    }

    /** Packs a 12-row A panel by vector gathers, as {@code Fp32Engine.packA12Gather} does (see there). */
    private static void packA12Gather(double[] a, int s, int l, int kc, double[] dst, int o, int[] map, int valid) {
        int step = L / 4, p = 0, q = s;
        if (valid == PanelGather.ROWS) {
            for (; p + step <= kc; p += step, q += step, o += 3 * L) {
                DoubleVector.fromArray(S, a, q, map, 0).intoArray(dst, o);
                DoubleVector.fromArray(S, a, q, map, L).intoArray(dst, o + L);
                DoubleVector.fromArray(S, a, q, map, 2 * L).intoArray(dst, o + 2 * L);
            }
        } else {
            VectorMask<Double> m0 = VectorMask.fromLong(S, PanelGather.validLanes(valid, 0, L));
            VectorMask<Double> m1 = VectorMask.fromLong(S, PanelGather.validLanes(valid, L, L));
            VectorMask<Double> m2 = VectorMask.fromLong(S, PanelGather.validLanes(valid, 2 * L, L));
            for (; p + step <= kc; p += step, q += step, o += 3 * L) {
                DoubleVector.fromArray(S, a, q, map, 0, m0).intoArray(dst, o);
                DoubleVector.fromArray(S, a, q, map, L, m1).intoArray(dst, o + L);
                DoubleVector.fromArray(S, a, q, map, 2 * L, m2).intoArray(dst, o + 2 * L);
            }
        }
        for (; p < kc; p++, q++, o += PanelGather.ROWS) {
            for (int i = 0; i < PanelGather.ROWS; i++) dst[o + i] = i < valid ? a[q + i * l] : 0d;
        }
    }

    @Override
    void tile(int member, int aOffset, int bOffset, int kc, int row, int col, int rows, int cols, boolean first) {
        double[] t = scratch[member];
        if (mr == 12) {
            kernel12(packA[member], aOffset, packB[member], bBase[member] + bOffset, kc, t, tBase[member]);
        } else {
            kernel6(packA[member], aOffset, packB[member], bBase[member] + bOffset, kc, t, tBase[member]);
        }
        int c0 = row * ldc + col;
        for (int i = 0; i < rows; i++) {
            int src = tBase[member] + i * NR, dst = c0 + i * ldc;
            if (cols == NR) {
                for (int v = 0; v < NR; v += L) {
                    DoubleVector x = DoubleVector.fromArray(S, t, src + v);
                    if (!first) {
                        x = x.add(DoubleVector.fromArray(S, c, dst + v));
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

    /**
     * Scratch tile t (12×NR) = A panel · B panel; see {@link Fp32Engine#kernel12} for why the epilogue is plain.
     *
     * <p>The loop takes two steps of p per iteration. C2 does not unroll a body this large, and it recomputes the
     * panel offsets from p every iteration (about eight integer µops next to 24 FMAs, on 2 × 512-bit FMA ports that
     * the integer µops can also be scheduled on); two steps halve that per FMA. Four steps per iteration push the
     * method past C2's inlining budget: its Vector API calls then run boxed, at a third of the speed. The gain is in
     * the whole GEMM, where the panels come from L2 and fewer µops per FMA leave the core more room to run ahead.
     *
     * <p>The loop runs on the A offset itself, up to an end computed once, rather than on a step counter p from
     * which both offsets follow: fewer integer µops again. Measurements: docs/kernels.md#the-micro-kernel.
     */
    static void kernel12(double[] pa, int ao, double[] pb, int bo, int kc, double[] t, int to) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00,
                c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00,
                c60 = c00, c61 = c00, c70 = c00, c71 = c00, c80 = c00, c81 = c00,
                c90 = c00, c91 = c00, ca0 = c00, ca1 = c00, cb0 = c00, cb1 = c00;
        // two steps of p per iteration (why: see above)
        int a = ao, b = bo;
        for (int end = ao + 12 * (kc & ~1); a < end; a += 24, b += 2 * NR) {
            {
                DoubleVector b0 = DoubleVector.fromArray(S, pb, b);
                DoubleVector b1 = DoubleVector.fromArray(S, pb, b + L);
                DoubleVector x;
                x = DoubleVector.broadcast(S, pa[a]);      c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
                x = DoubleVector.broadcast(S, pa[a + 1]);  c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
                x = DoubleVector.broadcast(S, pa[a + 2]);  c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
                x = DoubleVector.broadcast(S, pa[a + 3]);  c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
                x = DoubleVector.broadcast(S, pa[a + 4]);  c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
                x = DoubleVector.broadcast(S, pa[a + 5]);  c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
                x = DoubleVector.broadcast(S, pa[a + 6]);  c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
                x = DoubleVector.broadcast(S, pa[a + 7]);  c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
                x = DoubleVector.broadcast(S, pa[a + 8]);  c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
                x = DoubleVector.broadcast(S, pa[a + 9]);  c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
                x = DoubleVector.broadcast(S, pa[a + 10]); ca0 = x.fma(b0, ca0); ca1 = x.fma(b1, ca1);
                x = DoubleVector.broadcast(S, pa[a + 11]); cb0 = x.fma(b0, cb0); cb1 = x.fma(b1, cb1);
            }
            {
                DoubleVector b0 = DoubleVector.fromArray(S, pb, b + NR);
                DoubleVector b1 = DoubleVector.fromArray(S, pb, b + NR + L);
                DoubleVector x;
                x = DoubleVector.broadcast(S, pa[a + 12]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
                x = DoubleVector.broadcast(S, pa[a + 13]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
                x = DoubleVector.broadcast(S, pa[a + 14]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
                x = DoubleVector.broadcast(S, pa[a + 15]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
                x = DoubleVector.broadcast(S, pa[a + 16]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
                x = DoubleVector.broadcast(S, pa[a + 17]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
                x = DoubleVector.broadcast(S, pa[a + 18]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
                x = DoubleVector.broadcast(S, pa[a + 19]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
                x = DoubleVector.broadcast(S, pa[a + 20]); c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
                x = DoubleVector.broadcast(S, pa[a + 21]); c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
                x = DoubleVector.broadcast(S, pa[a + 22]); ca0 = x.fma(b0, ca0); ca1 = x.fma(b1, ca1);
                x = DoubleVector.broadcast(S, pa[a + 23]); cb0 = x.fma(b0, cb0); cb1 = x.fma(b1, cb1);
            }
        }
        if ((kc & 1) != 0) {
            DoubleVector b0 = DoubleVector.fromArray(S, pb, b);
            DoubleVector b1 = DoubleVector.fromArray(S, pb, b + L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, pa[a]);      c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, pa[a + 1]);  c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, pa[a + 2]);  c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, pa[a + 3]);  c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, pa[a + 4]);  c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, pa[a + 5]);  c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(S, pa[a + 6]);  c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(S, pa[a + 7]);  c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            x = DoubleVector.broadcast(S, pa[a + 8]);  c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
            x = DoubleVector.broadcast(S, pa[a + 9]);  c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
            x = DoubleVector.broadcast(S, pa[a + 10]); ca0 = x.fma(b0, ca0); ca1 = x.fma(b1, ca1);
            x = DoubleVector.broadcast(S, pa[a + 11]); cb0 = x.fma(b0, cb0); cb1 = x.fma(b1, cb1);
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

    static void kernel6(double[] pa, int ao, double[] pb, int bo, int kc, double[] t, int to) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00,
                c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0, a = ao, b = bo; p < kc; p++, a += 6, b += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, pb, b);
            DoubleVector b1 = DoubleVector.fromArray(S, pb, b + L);
            DoubleVector x;
            x = DoubleVector.broadcast(S, pa[a]);     c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, pa[a + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, pa[a + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, pa[a + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, pa[a + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, pa[a + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        c00.intoArray(t, to);                    c01.intoArray(t, to + L);
        c10.intoArray(t, to + 1 * NR);           c11.intoArray(t, to + 1 * NR + L);
        c20.intoArray(t, to + 2 * NR);           c21.intoArray(t, to + 2 * NR + L);
        c30.intoArray(t, to + 3 * NR);           c31.intoArray(t, to + 3 * NR + L);
        c40.intoArray(t, to + 4 * NR);           c41.intoArray(t, to + 4 * NR + L);
        c50.intoArray(t, to + 5 * NR);           c51.intoArray(t, to + 5 * NR + L);
    }
}
