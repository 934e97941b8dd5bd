package dev.flopcal.kernels;

import dev.flopcal.core.Precision;

/**
 * Micro-probe of the compute ceiling of a roofline: independent fused multiply-add chains, no memory traffic. (The
 * bandwidth side of the roofline is measured by {@link Streams}.)
 *
 * <p>Each probe runs on the calling thread; harnesses run it on every member of a {@link ThreadTeam} to measure
 * several cores.
 */
public interface Probes {

    /** Implementation name, e.g. {@code "vector-512"} or {@code "scalar"}. */
    String name();

    /**
     * Runs {@code iterations} rounds of {@link #fmaChains()} independent FMA chains of full vectors, each
     * {@code x = x·m + a} with constants that keep every value normal.
     *
     * @param precision {@link Precision#FP32} or {@link Precision#FP64}
     * @return a checksum of the chains, to be consumed so the work is not eliminated
     * @throws IllegalArgumentException for other precisions
     */
    double fma(Precision precision, long iterations);

    /**
     * The value {@link #fma} returns in exact arithmetic: each chain x ← x·m + a starting at x0 ends at
     * x* + (x0 − x*)·m^iterations with fixed point x* = a / (1 − m), summed over chains and lanes (m and a as the
     * probe's format rounds them). The computed value lies within {@link #fmaTolerance} of it (relative); a probe
     * the JIT removed or broke does not come close.
     */
    double fmaExpected(Precision precision, long iterations);

    /**
     * Relative tolerance of {@link #fmaExpected}: once x is within ulp/(2(1 − m)) of the fixed point, each rounded
     * FMA returns x unchanged and the chain stalls there, about 3·10⁻⁴ away in fp32 (m = 0.9999) and 10⁻¹² in fp64.
     */
    static double fmaTolerance(Precision precision) {
        return precision == Precision.FP32 ? 1e-3 : 1e-9;
    }

    /**
     * Runs {@link #fma} for {@code iterations} rounds and compares it with {@link #fmaExpected}: the check a
     * harness makes before it times the probe.
     *
     * @throws IllegalStateException naming the probe and both values when they differ beyond {@link #fmaTolerance}
     */
    default void verifyFma(Precision precision, long iterations) {
        double expected = fmaExpected(precision, iterations), actual = fma(precision, iterations);
        if (!(Math.abs(actual - expected) <= fmaTolerance(precision) * Math.abs(expected))) {
            throw new IllegalStateException("FMA probe " + fmaPath(precision) + " computed " + actual
                    + ", closed form gives " + expected);
        }
    }

    /** Floating-point operations of {@link #fma}: iterations × chains × lanes × 2. */
    long fmaOperations(Precision precision, long iterations);

    /** Number of independent chains, enough to cover FMA latency × FMA pipes on current cores. */
    int fmaChains();

    /** How the FMA probe computes, for the profile, e.g. "16 independent chains of 512-bit fp32 FMA". */
    String fmaPath(Precision precision);

    /** Closed form shared by the implementations: chains start at start, start+step, ...; m and a as used. */
    static double chainSum(int chains, int lanes, double start, double step, double m, double a, long iterations) {
        double decay = Math.pow(m, iterations), fixedPoint = a / (1 - m), sum = 0;
        for (int i = 0; i < chains; i++) {
            double x0 = start + step * i;
            sum += fixedPoint + (x0 - fixedPoint) * decay;
        }
        return sum * lanes;
    }

    static void checkFmaPrecision(Precision precision) {
        if (precision != Precision.FP32 && precision != Precision.FP64) {
            throw new IllegalArgumentException("the FMA probe runs fp32 or fp64, not " + precision);
        }
    }
}
