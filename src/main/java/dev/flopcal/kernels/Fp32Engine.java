package dev.flopcal.kernels;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packed GEMM on fp32 panels, for every input format that widens exactly to fp32: fp32 itself, bf16, fp16 and
 * int8. Narrow formats are widened while packing, so the micro-kernel, and its FLOP rate, is the fp32 one; the
 * JDK's Vector API has no bf16/fp16 species and does not emit dot-product instructions (VNNI, AVX512-BF16).
 *
 * <p>int8 is exact: products of int8 values are integers below 2^14 in magnitude and a block of at most 1024
 * of them sums below 2^24, so every partial sum in the fp32 accumulator is an exactly representable integer.
 * Each such block is converted to int32 and accumulated in int32 across blocks.
 *
 * <p>B panels of the narrow formats are widened a vector at a time ({@link #widenBf16}, {@link #widenFp16},
 * {@link #widenInt8}); A panels, a transpose, element by element. Each thread packs all of B, so at 2 threads B's
 * widening is a larger share of the product, which widening by vectors keeps near fp32's rate. Measurements:
 * docs/kernels.md#bf16-fp16-and-int8.
 */
final class Fp32Engine extends BlockedGemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> IS = S.withLanes(int.class);
    static final int L = S.length();
    static final int NR = 2 * L;
    /**
     * Narrow lanes matching the float lanes one to one, or null where that vector would be narrower than 64 bits
     * (128-bit float vectors): there the narrow formats are widened element by element.
     */
    static final VectorSpecies<Short> SS = L >= 8 ? VectorSpecies.of(short.class, VectorShape.forBitSize(L * 16)) : null;
    static final VectorSpecies<Byte> BS = L >= 8 ? VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8)) : null;
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

    /** Whether fp32 A panels are packed by gathers ({@link PanelGather}): 12-row panels and a supported width. */
    private final boolean gatherA;
    /** {@link PanelGather#maps} for {@link #mapLda}, or null before the first fp32 product. */
    private int[][] aMaps;
    private int mapLda = -1;

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
        this.gatherA = mr == PanelGather.ROWS && PanelGather.supports(L);
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
        if (gatherA && kind == Kind.FP32 && lda != mapLda) {
            aMaps = PanelGather.maps(lda, L);
            mapLda = lda;
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
                    case BF16 -> {
                        if (cols == NR && SS != null) {
                            widenBf16(bs, s, dst, out);
                            widenBf16(bs, s + L, dst, out + L);
                        } else {
                            for (int j = 0; j < cols; j++) dst[out + j] = Bf16.toFloat(bs[s + j]);
                        }
                    }
                    case FP16 -> {
                        if (cols == NR && SS != null) {
                            widenFp16(bs, s, dst, out);
                            widenFp16(bs, s + L, dst, out + L);
                        } else {
                            for (int j = 0; j < cols; j++) dst[out + j] = Float.float16ToFloat(bs[s + j]);
                        }
                    }
                    case INT8 -> {
                        if (cols == NR && BS != null) {
                            widenInt8(bb, s, dst, out);
                            widenInt8(bb, s + L, dst, out + L);
                        } else {
                            for (int j = 0; j < cols; j++) dst[out + j] = bb[s + j];
                        }
                    }
                }
                if (cols < NR) {
                    java.util.Arrays.fill(dst, out + cols, out + NR, 0f);
                }
            }
        }
    }

    /** L bf16 values from {@code src[s..]} widened into {@code dst[out..]}: each is the upper half of its float. */
    static void widenBf16(short[] src, int s, float[] dst, int out) {
        ((IntVector) ShortVector.fromArray(SS, src, s).convertShape(VectorOperators.ZERO_EXTEND_S2I, IS, 0))
                .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(dst, out);
    }

    /** L int8 values from {@code src[s..]} widened into {@code dst[out..]}. */
    static void widenInt8(byte[] src, int s, float[] dst, int out) {
        ((FloatVector) ByteVector.fromArray(BS, src, s).convertShape(VectorOperators.B2F, S, 0)).intoArray(dst, out);
    }

    /** 2^-14 as a float: the fp16 subnormal step times 2^10, used to rebase subnormals in {@link #widenFp16}. */
    private static final float FP16_SUBNORMAL_MAGIC = 0x1p-14f;

    /**
     * L IEEE binary16 values from {@code src[s..]} widened exactly into {@code dst[out..]}, bit for bit as
     * {@link Float#float16ToFloat} (NaN payloads included, NaNs made quiet): the JDK 25 Vector API has no
     * half-precision conversion. Exponent and fraction move up 13 bits and the exponent is rebased by 127 - 15;
     * infinities and NaNs get the float's all-ones exponent; subnormals (and zero) are rebuilt as
     * 2^-14 · (1 + f/1024) - 2^-14, which is exact.
     */
    static void widenFp16(short[] src, int s, float[] dst, int out) {
        IntVector h = (IntVector) ShortVector.fromArray(SS, src, s).convertShape(VectorOperators.ZERO_EXTEND_S2I, IS, 0);
        IntVector magnitude = h.and(0x7FFF).lanewise(VectorOperators.LSHL, 13);
        IntVector exponent = magnitude.and(0x0F80_0000);
        IntVector bits = magnitude.add(112 << 23);
        VectorMask<Integer> special = exponent.compare(VectorOperators.EQ, 0x0F80_0000);
        bits = bits.add(112 << 23, special);
        // NaNs come out quiet, as from the scalar conversion (which is the x86 VCVTPH2PS instruction)
        VectorMask<Integer> nan = special.and(magnitude.and(0x007F_E000).compare(VectorOperators.NE, 0));
        bits = bits.lanewise(VectorOperators.OR, 0x0040_0000, nan);
        VectorMask<Integer> small = exponent.compare(VectorOperators.EQ, 0);
        FloatVector rebased = bits.add(1 << 23).reinterpretAsFloats().sub(FP16_SUBNORMAL_MAGIC);
        bits = bits.blend(rebased.reinterpretAsInts(), small);
        bits.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats().intoArray(dst, out);
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
                    if (gatherA) {
                        packA12Gather(af, s, lda, kc, dst, o, aMaps[valid], valid);
                        continue;  // the gathers wrote the zero rows too
                    }
                    for (int p = 0; p < kc; p++, o += mr) for (int i = 0; i < valid; i++) dst[o + i] = af[s + p + i * lda];
                }
                case BF16, FP16 -> {
                    boolean fp16 = kind == Kind.FP16;
                    if (valid == 12) {
                        packA12Half(as, s, lda, kc, dst, o, fp16);
                    } else {
                        for (int p = 0; p < kc; p++, o += mr) for (int i = 0; i < valid; i++) dst[o + i] = widen(as[s + p + i * lda], fp16);
                    }
                }
                case INT8 -> {
                    if (valid == 12) {
                        packA12Int8(ab, s, lda, kc, dst, o);
                    } else {
                        for (int p = 0; p < kc; p++, o += mr) for (int i = 0; i < valid; i++) dst[o + i] = ab[s + p + i * lda];
                    }
                }
            }
            if (valid < mr) {
                for (int p = 0, z = r0 * kc; p < kc; p++, z += mr) {
                    for (int i = valid; i < mr; i++) dst[z + i] = 0f;
                }
            }
        }
    }

    /**
     * bf16 or fp16 panel of 12 full rows, widened; a 12-trip inner loop, which C2 unrolls completely (faster than
     * the loop over the valid rows it replaced).
     *
     * <p>Not gathered as fp32 panels are ({@link #packA12Gather}): gathering shorts or bytes packed panels faster
     * alone but made the GEMM slower from n = 256 on. Measurements: docs/kernels.md#bf16-fp16-and-int8.
     */
    private static void packA12Half(short[] a, int s, int l, int kc, float[] dst, int o, boolean fp16) {
        for (int p = 0, q = s; p < kc; p++, o += 12, q++) {
            for (int i = 0; i < 12; i++) dst[o + i] = widen(a[q + i * l], fp16);
        }
    }

    /** An int8 panel of 12 full rows, widened; as {@link #packA12Half}. */
    private static void packA12Int8(byte[] a, int s, int l, int kc, float[] dst, int o) {
        for (int p = 0, q = s; p < kc; p++, o += 12, q++) {
            for (int i = 0; i < 12; i++) dst[o + i] = a[q + i * l];
        }
    }

    private static float widen(short h, boolean fp16) {
        return fp16 ? Float.float16ToFloat(h) : Bf16.toFloat(h);
    }

    /**
     * Packs a 12-row fp32 A panel (rows s, s + l, ... of which {@code valid} exist, depth kc) into dst at o by vector
     * gathers, three vectors per L / 4 steps of the depth, rows past {@code valid} as zeros (see {@link PanelGather}).
     * Faster than the element-by-element transpose it replaced at small sizes, level at large ones: packing A is a
     * large share of a small product and a small one of a large product. Measurements:
     * docs/kernels.md#a-panels-packed-by-gathers.
     */
    private static void packA12Gather(float[] a, int s, int l, int kc, float[] dst, int o, int[] map, int valid) {
        int step = L / 4, p = 0, q = s;
        if (valid == PanelGather.ROWS) {
            for (; p + step <= kc; p += step, q += step, o += 3 * L) {
                FloatVector.fromArray(S, a, q, map, 0).intoArray(dst, o);
                FloatVector.fromArray(S, a, q, map, L).intoArray(dst, o + L);
                FloatVector.fromArray(S, a, q, map, 2 * L).intoArray(dst, o + 2 * L);
            }
        } else {
            VectorMask<Float> m0 = VectorMask.fromLong(S, PanelGather.validLanes(valid, 0, L));
            VectorMask<Float> m1 = VectorMask.fromLong(S, PanelGather.validLanes(valid, L, L));
            VectorMask<Float> m2 = VectorMask.fromLong(S, PanelGather.validLanes(valid, 2 * L, L));
            for (; p + step <= kc; p += step, q += step, o += 3 * L) {
                FloatVector.fromArray(S, a, q, map, 0, m0).intoArray(dst, o);
                FloatVector.fromArray(S, a, q, map, L, m1).intoArray(dst, o + L);
                FloatVector.fromArray(S, a, q, map, 2 * L, m2).intoArray(dst, o + 2 * L);
            }
        }
        for (; p < kc; p++, q++, o += PanelGather.ROWS) {
            for (int i = 0; i < PanelGather.ROWS; i++) dst[o + i] = i < valid ? a[q + i * l] : 0f;
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
        // two steps of p per iteration (why: Fp64Engine.kernel12)
        int a = ao, b = bo;
        for (int end = ao + 12 * (kc & ~1); a < end; a += 24, b += 2 * NR) {
            {
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
            {
                FloatVector b0 = FloatVector.fromArray(S, pb, b + NR);
                FloatVector b1 = FloatVector.fromArray(S, pb, b + NR + L);
                FloatVector x;
                x = FloatVector.broadcast(S, pa[a + 12]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, pa[a + 13]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, pa[a + 14]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, pa[a + 15]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
                x = FloatVector.broadcast(S, pa[a + 16]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
                x = FloatVector.broadcast(S, pa[a + 17]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
                x = FloatVector.broadcast(S, pa[a + 18]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
                x = FloatVector.broadcast(S, pa[a + 19]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
                x = FloatVector.broadcast(S, pa[a + 20]); c80 = x.fma(b0, c80); c81 = x.fma(b1, c81);
                x = FloatVector.broadcast(S, pa[a + 21]); c90 = x.fma(b0, c90); c91 = x.fma(b1, c91);
                x = FloatVector.broadcast(S, pa[a + 22]); ca0 = x.fma(b0, ca0); ca1 = x.fma(b1, ca1);
                x = FloatVector.broadcast(S, pa[a + 23]); cb0 = x.fma(b0, cb0); cb1 = x.fma(b1, cb1);
            }
        }
        if ((kc & 1) != 0) {
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
