package dev.flopcal.kernels;

import java.util.EnumMap;
import java.util.Map;

import jdk.incubator.vector.VectorShape;

import dev.flopcal.core.Precision;

/**
 * GEMM with the JDK Vector API: packed panels, cache blocking and a register-blocked micro-kernel, split over
 * a team of threads. fp64 runs on fp64 panels; fp32, bf16, fp16 and int8 run on fp32 panels (see
 * {@link Fp32Engine} for why and how int8 stays exact).
 *
 * <p>Products whose B is small ({@link Blocking#smallB}) and at least one register tile wide are not packed
 * ({@link SmallFp32}, {@link SmallFp64}): the choice is made for each product, by its n and k.
 *
 * <p>Obtain instances through {@link Kernels} so that machines without the {@code jdk.incubator.vector}
 * module fall back to {@link ScalarGemm}.
 */
public final class VectorGemm implements Gemm {
    private final ThreadTeam team;
    private final Blocking fp32Blocking;
    private final Blocking fp64Blocking;
    private final int mr;
    private final Map<Precision, Object> engines = new EnumMap<>(Precision.class);
    private final SmallFp32 smallFp32;
    private final SmallFp64 smallFp64;

    /**
     * @param threads      threads per product, at least 1
     * @param fp32Blocking blocking for the fp32-panel engine (fp32, bf16, fp16, int8)
     * @param fp64Blocking blocking for the fp64 engine
     */
    public VectorGemm(int threads, Blocking fp32Blocking, Blocking fp64Blocking) {
        this(threads, fp32Blocking, fp64Blocking, Fp32Engine.defaultMr());
    }

    /** With an explicit micro-tile height (12 or 6), so that tests exercise both kernels on any machine. */
    VectorGemm(int threads, Blocking fp32Blocking, Blocking fp64Blocking, int mr) {
        if (mr != 12 && mr != 6) {
            throw new IllegalArgumentException("micro-tile height must be 12 or 6, got " + mr);
        }
        this.team = new ThreadTeam(threads);
        this.fp32Blocking = fp32Blocking;
        this.fp64Blocking = fp64Blocking;
        this.mr = mr;
        this.smallFp32 = new SmallFp32(team, fp32Blocking.smallB());
        this.smallFp64 = new SmallFp64(team, fp64Blocking.smallB());
    }

    /** With {@link #defaultBlocking(Precision)} for both engines. */
    public VectorGemm(int threads) {
        this(threads, defaultBlocking(Precision.FP32), defaultBlocking(Precision.FP64));
    }

    /**
     * Blocking for a 32 KiB L1 data cache and a 1 MiB L2 cache per core, the smallest of current server cores,
     * for the micro-tile this machine uses. Calibration passes blocking derived from the detected caches instead.
     */
    public static Blocking defaultBlocking(Precision precision) {
        return forCaches(precision, 32 * 1024, 1024 * 1024);
    }

    /**
     * Blocking for the given per-core cache sizes and this machine's micro-tile. With fewer than 32 vector registers
     * every product is packed: the small-product tile keeps 24 accumulators, which would spill.
     */
    public static Blocking forCaches(Precision precision, long l1Bytes, long l2Bytes) {
        int mr = Fp32Engine.defaultMr();
        Blocking b = precision == Precision.FP64
                ? Blocking.forCaches(l1Bytes, l2Bytes, Double.BYTES, mr, Fp64Engine.NR)
                : Blocking.forCaches(l1Bytes, l2Bytes, Float.BYTES, mr, Fp32Engine.NR);
        return VectorRegisters.count() >= 32 ? b : b.withSmallB(0);
    }

    /** Micro-tile as rows × columns for a precision, e.g. {@code "12x32"}. */
    public String microTile(Precision precision) {
        return mr + "x" + (precision == Precision.FP64 ? Fp64Engine.NR : Fp32Engine.NR);
    }

    @Override
    public String name() {
        return "vector-" + VectorShape.preferredShape().vectorBitSize();
    }

    @Override
    public int threads() {
        return team.size();
    }

    /** The blocking used for a precision. */
    public Blocking blocking(Precision precision) {
        return precision == Precision.FP64 ? fp64Blocking : fp32Blocking;
    }

    @Override
    public String path(Precision precision) {
        int bits = VectorShape.preferredShape().vectorBitSize();
        String fma = "Vector API " + bits + "-bit fp32 FMA, " + microTile(precision) + " register tile";
        String panels = CacheLines.available() ? "packed panels on cache lines"
                : "packed panels (not on cache lines: native access is not enabled)";
        String packed = switch (precision) {
            case FP64 -> "Vector API " + bits + "-bit fp64 FMA, " + microTile(precision)
                    + " register tile, " + panels + "; fp64 accumulation";
            case FP32 -> fma + ", " + panels + "; fp32 accumulation";
            case BF16 -> "bf16 widened to fp32 while packing; " + fma + "; fp32 accumulation"
                    + " (no bf16 vector species or AVX512-BF16 dot products from the JVM)";
            case FP16 -> "fp16 widened to fp32 while packing; " + fma + "; fp32 accumulation"
                    + " (no fp16 vector species or AVX512-FP16 arithmetic from the JVM)";
            case INT8 -> "int8 widened to fp32 while packing; " + fma + " over k-blocks of at most "
                    + Fp32Engine.INT8_EXACT_DEPTH + " (every partial sum an integer below 2^24, so exact);"
                    + " int32 accumulation across blocks (no VNNI from the JVM)";
            default -> throw new IllegalArgumentException("no kernel for " + precision);
        };
        return packed + smallPath(precision);
    }

    /** How small products are computed, or nothing when every product is packed. */
    private String smallPath(Precision precision) {
        int smallB = blocking(precision).smallB();
        if (smallB == 0) {
            return "";
        }
        int width = precision == Precision.FP64 ? SmallFp64.W : SmallFp32.W;
        String widened = switch (precision) {
            case BF16, FP16, INT8 -> " " + precision.id() + " widened to fp32 row-major;";
            default -> "";
        };
        return "; products with n >= " + width + " and k*n <= " + smallB + " not packed:" + widened
                + " B's rows read in place, A broadcast from its rows, 6x" + width + " register tile";
    }

    @Override
    public void multiply(GemmOperands operands) {
        Precision p = operands.precision();
        if (operands instanceof GemmOperands.Fp64 fp64) {
            if (SmallFp64.takes(fp64.n(), fp64.k(), fp64Blocking.smallB())) {
                smallFp64.multiply(fp64);
            } else {
                ((Fp64Engine) engines.computeIfAbsent(p, x -> new Fp64Engine(mr, fp64Blocking, team))).multiply(fp64);
            }
        } else if (SmallFp32.takes(operands.n(), operands.k(), fp32Blocking.smallB())) {
            smallFp32.multiply(operands);
        } else {
            ((Fp32Engine) engines.computeIfAbsent(p, x -> new Fp32Engine(mr, fp32Blocking, team, p == Precision.INT8)))
                    .multiply(operands);
        }
    }

    @Override
    public void close() {
        team.close();
        engines.clear();
    }
}
