package dev.flopcal.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import dev.flopcal.core.Precision;

/**
 * Vector API probes. The FMA probe keeps 16 chains of full-width vectors in registers (12 where only 16 vector
 * registers exist): FMA latency 4-5 cycles × 2 FMA pipes needs at least 8-10 independent chains to saturate.
 */
public final class VectorProbes implements Probes {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int CHAINS = VectorRegisters.count() >= 32 ? 16 : 12;

    @Override
    public String name() {
        return "vector-" + VectorShape.preferredShape().vectorBitSize();
    }

    @Override
    public int fmaChains() {
        return CHAINS;
    }

    @Override
    public String fmaPath(Precision precision) {
        Probes.checkFmaPrecision(precision);
        return CHAINS + " independent chains of " + VectorShape.preferredShape().vectorBitSize() + "-bit "
                + precision + " Vector API FMA";
    }

    @Override
    public double fmaExpected(Precision precision, long iterations) {
        Probes.checkFmaPrecision(precision);
        if (precision == Precision.FP32) {
            return Probes.chainSum(CHAINS, F.length(), 0.10, 0.01, 0.9999f, 1e-4f, iterations);
        }
        return Probes.chainSum(CHAINS, D.length(), 0.10, 0.01, 0.9999, 1e-4, iterations);
    }

    @Override
    public long fmaOperations(Precision precision, long iterations) {
        Probes.checkFmaPrecision(precision);
        int lanes = precision == Precision.FP32 ? F.length() : D.length();
        return iterations * CHAINS * lanes * 2;
    }

    @Override
    public double fma(Precision precision, long iterations) {
        Probes.checkFmaPrecision(precision);
        if (precision == Precision.FP32) {
            return CHAINS == 16 ? fp32x16(iterations) : fp32x12(iterations);
        }
        return CHAINS == 16 ? fp64x16(iterations) : fp64x12(iterations);
    }

    private static double fp32x16(long iterations) {
        FloatVector m = FloatVector.broadcast(F, 0.9999f), a = FloatVector.broadcast(F, 1e-4f);
        FloatVector x0 = FloatVector.broadcast(F, 0.10f), x1 = FloatVector.broadcast(F, 0.11f),
                x2 = FloatVector.broadcast(F, 0.12f), x3 = FloatVector.broadcast(F, 0.13f),
                x4 = FloatVector.broadcast(F, 0.14f), x5 = FloatVector.broadcast(F, 0.15f),
                x6 = FloatVector.broadcast(F, 0.16f), x7 = FloatVector.broadcast(F, 0.17f),
                x8 = FloatVector.broadcast(F, 0.18f), x9 = FloatVector.broadcast(F, 0.19f),
                xa = FloatVector.broadcast(F, 0.20f), xb = FloatVector.broadcast(F, 0.21f),
                xc = FloatVector.broadcast(F, 0.22f), xd = FloatVector.broadcast(F, 0.23f),
                xe = FloatVector.broadcast(F, 0.24f), xf = FloatVector.broadcast(F, 0.25f);
        for (long i = 0; i < iterations; i++) {
            x0 = x0.fma(m, a); x1 = x1.fma(m, a); x2 = x2.fma(m, a); x3 = x3.fma(m, a);
            x4 = x4.fma(m, a); x5 = x5.fma(m, a); x6 = x6.fma(m, a); x7 = x7.fma(m, a);
            x8 = x8.fma(m, a); x9 = x9.fma(m, a); xa = xa.fma(m, a); xb = xb.fma(m, a);
            xc = xc.fma(m, a); xd = xd.fma(m, a); xe = xe.fma(m, a); xf = xf.fma(m, a);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7)
                .add(x8).add(x9).add(xa).add(xb).add(xc).add(xd).add(xe).add(xf).reduceLanes(VectorOperators.ADD);
    }

    private static double fp32x12(long iterations) {
        FloatVector m = FloatVector.broadcast(F, 0.9999f), a = FloatVector.broadcast(F, 1e-4f);
        FloatVector x0 = FloatVector.broadcast(F, 0.10f), x1 = FloatVector.broadcast(F, 0.11f),
                x2 = FloatVector.broadcast(F, 0.12f), x3 = FloatVector.broadcast(F, 0.13f),
                x4 = FloatVector.broadcast(F, 0.14f), x5 = FloatVector.broadcast(F, 0.15f),
                x6 = FloatVector.broadcast(F, 0.16f), x7 = FloatVector.broadcast(F, 0.17f),
                x8 = FloatVector.broadcast(F, 0.18f), x9 = FloatVector.broadcast(F, 0.19f),
                xa = FloatVector.broadcast(F, 0.20f), xb = FloatVector.broadcast(F, 0.21f);
        for (long i = 0; i < iterations; i++) {
            x0 = x0.fma(m, a); x1 = x1.fma(m, a); x2 = x2.fma(m, a); x3 = x3.fma(m, a);
            x4 = x4.fma(m, a); x5 = x5.fma(m, a); x6 = x6.fma(m, a); x7 = x7.fma(m, a);
            x8 = x8.fma(m, a); x9 = x9.fma(m, a); xa = xa.fma(m, a); xb = xb.fma(m, a);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7)
                .add(x8).add(x9).add(xa).add(xb).reduceLanes(VectorOperators.ADD);
    }

    private static double fp64x16(long iterations) {
        DoubleVector m = DoubleVector.broadcast(D, 0.9999), a = DoubleVector.broadcast(D, 1e-4);
        DoubleVector x0 = DoubleVector.broadcast(D, 0.10), x1 = DoubleVector.broadcast(D, 0.11),
                x2 = DoubleVector.broadcast(D, 0.12), x3 = DoubleVector.broadcast(D, 0.13),
                x4 = DoubleVector.broadcast(D, 0.14), x5 = DoubleVector.broadcast(D, 0.15),
                x6 = DoubleVector.broadcast(D, 0.16), x7 = DoubleVector.broadcast(D, 0.17),
                x8 = DoubleVector.broadcast(D, 0.18), x9 = DoubleVector.broadcast(D, 0.19),
                xa = DoubleVector.broadcast(D, 0.20), xb = DoubleVector.broadcast(D, 0.21),
                xc = DoubleVector.broadcast(D, 0.22), xd = DoubleVector.broadcast(D, 0.23),
                xe = DoubleVector.broadcast(D, 0.24), xf = DoubleVector.broadcast(D, 0.25);
        for (long i = 0; i < iterations; i++) {
            x0 = x0.fma(m, a); x1 = x1.fma(m, a); x2 = x2.fma(m, a); x3 = x3.fma(m, a);
            x4 = x4.fma(m, a); x5 = x5.fma(m, a); x6 = x6.fma(m, a); x7 = x7.fma(m, a);
            x8 = x8.fma(m, a); x9 = x9.fma(m, a); xa = xa.fma(m, a); xb = xb.fma(m, a);
            xc = xc.fma(m, a); xd = xd.fma(m, a); xe = xe.fma(m, a); xf = xf.fma(m, a);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7)
                .add(x8).add(x9).add(xa).add(xb).add(xc).add(xd).add(xe).add(xf).reduceLanes(VectorOperators.ADD);
    }

    private static double fp64x12(long iterations) {
        DoubleVector m = DoubleVector.broadcast(D, 0.9999), a = DoubleVector.broadcast(D, 1e-4);
        DoubleVector x0 = DoubleVector.broadcast(D, 0.10), x1 = DoubleVector.broadcast(D, 0.11),
                x2 = DoubleVector.broadcast(D, 0.12), x3 = DoubleVector.broadcast(D, 0.13),
                x4 = DoubleVector.broadcast(D, 0.14), x5 = DoubleVector.broadcast(D, 0.15),
                x6 = DoubleVector.broadcast(D, 0.16), x7 = DoubleVector.broadcast(D, 0.17),
                x8 = DoubleVector.broadcast(D, 0.18), x9 = DoubleVector.broadcast(D, 0.19),
                xa = DoubleVector.broadcast(D, 0.20), xb = DoubleVector.broadcast(D, 0.21);
        for (long i = 0; i < iterations; i++) {
            x0 = x0.fma(m, a); x1 = x1.fma(m, a); x2 = x2.fma(m, a); x3 = x3.fma(m, a);
            x4 = x4.fma(m, a); x5 = x5.fma(m, a); x6 = x6.fma(m, a); x7 = x7.fma(m, a);
            x8 = x8.fma(m, a); x9 = x9.fma(m, a); xa = xa.fma(m, a); xb = xb.fma(m, a);
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7)
                .add(x8).add(x9).add(xa).add(xb).reduceLanes(VectorOperators.ADD);
    }
}
