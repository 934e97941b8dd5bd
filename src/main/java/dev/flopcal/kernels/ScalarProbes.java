package dev.flopcal.kernels;

import dev.flopcal.core.Precision;

/** Plain-Java twins of the probes: scalar {@code Math.fma} chains. */
public final class ScalarProbes implements Probes {
    private static final int CHAINS = 8;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int fmaChains() {
        return CHAINS;
    }

    @Override
    public String fmaPath(Precision precision) {
        Probes.checkFmaPrecision(precision);
        return CHAINS + " independent chains of scalar " + precision + " Math.fma";
    }

    @Override
    public double fmaExpected(Precision precision, long iterations) {
        Probes.checkFmaPrecision(precision);
        return precision == Precision.FP32 ? Probes.chainSum(CHAINS, 1, 0.1f, 0.1f, 0.9999f, 1e-4f, iterations)
                : Probes.chainSum(CHAINS, 1, 0.1, 0.1, 0.9999, 1e-4, iterations);
    }

    @Override
    public long fmaOperations(Precision precision, long iterations) {
        Probes.checkFmaPrecision(precision);
        return iterations * CHAINS * 2;
    }

    @Override
    public double fma(Precision precision, long iterations) {
        Probes.checkFmaPrecision(precision);
        if (precision == Precision.FP32) {
            float m = 0.9999f, a = 1e-4f;
            float x0 = 0.1f, x1 = 0.2f, x2 = 0.3f, x3 = 0.4f, x4 = 0.5f, x5 = 0.6f, x6 = 0.7f, x7 = 0.8f;
            for (long i = 0; i < iterations; i++) {
                x0 = Math.fma(x0, m, a); x1 = Math.fma(x1, m, a); x2 = Math.fma(x2, m, a); x3 = Math.fma(x3, m, a);
                x4 = Math.fma(x4, m, a); x5 = Math.fma(x5, m, a); x6 = Math.fma(x6, m, a); x7 = Math.fma(x7, m, a);
            }
            return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
        }
        double m = 0.9999, a = 1e-4;
        double x0 = 0.1, x1 = 0.2, x2 = 0.3, x3 = 0.4, x4 = 0.5, x5 = 0.6, x6 = 0.7, x7 = 0.8;
        for (long i = 0; i < iterations; i++) {
            x0 = Math.fma(x0, m, a); x1 = Math.fma(x1, m, a); x2 = Math.fma(x2, m, a); x3 = Math.fma(x3, m, a);
            x4 = Math.fma(x4, m, a); x5 = Math.fma(x5, m, a); x6 = Math.fma(x6, m, a); x7 = Math.fma(x7, m, a);
        }
        return x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7;
    }
}
