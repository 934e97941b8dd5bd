package dev.flopcal.kernels;

/**
 * Micro-probes of the two hardware ceilings of a roofline: the FMA ceiling (independent fused multiply-add
 * chains, no memory traffic) and memory bandwidth (a STREAM-style triad).
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
     * The value {@link #fma} returns in exact arithmetic: each chain starting at x0 ends at
     * 1 + (x0 − 1)·m^iterations, summed over chains and lanes. Rounding keeps the computed value within 1e-3
     * of it (relative); a probe the JIT removed or broke does not.
     */
    double fmaExpected(Precision precision, long iterations);

    /** Floating-point operations of {@link #fma}: iterations × chains × lanes × 2. */
    long fmaOperations(Precision precision, long iterations);

    /** Number of independent chains, enough to cover FMA latency × FMA pipes on current cores. */
    int fmaChains();

    /** How the FMA probe computes, for the profile, e.g. "16 independent chains of 512-bit fp32 FMA". */
    String fmaPath(Precision precision);

    /**
     * STREAM triad {@code a[i] = b[i] + s·c[i]} (computed as one fused multiply-add) for {@code i} in {@code [from, to)}: 24 bytes of traffic per
     * element by STREAM's convention (two loads, one store; the write-allocate read is not counted).
     */
    void triad(double[] a, double[] b, double[] c, double s, int from, int to);

    /** Closed form shared by the implementations: chains start at start, start+step, ...; m and a as used. */
    static double chainSum(int chains, int lanes, double start, double step, double m, long iterations) {
        double decay = Math.pow(m, iterations), sum = 0;
        for (int i = 0; i < chains; i++) {
            double x0 = start + step * i;
            sum += 1 + (x0 - 1) * decay;
        }
        return sum * lanes;
    }

    static void checkFmaPrecision(Precision precision) {
        if (precision != Precision.FP32 && precision != Precision.FP64) {
            throw new IllegalArgumentException("the FMA probe runs fp32 or fp64, not " + precision);
        }
    }
}
