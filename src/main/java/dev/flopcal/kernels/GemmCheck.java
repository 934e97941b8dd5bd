package dev.flopcal.kernels;

import java.util.SplittableRandom;

import dev.flopcal.core.Precision;

/**
 * Checks a computed C against an exact reference, element by element.
 *
 * <p>int8 must match exactly. Floating-point elements must lie within the standard bound for a length-k dot
 * product, |ĉ − c| ≤ 2·k·u·Σ|a||b|, where u is the unit roundoff of the accumulation format (2^-24 for fp32
 * accumulation, 2^-53 for fp64); the reference itself is summed in fp64 (exactly, for int8, in a long).
 */
public final class GemmCheck {
    private GemmCheck() {
    }

    /**
     * The outcome of a check.
     *
     * @param checked    elements compared
     * @param worstRatio largest |error| / bound seen (0 for exact matches); at most 1 when the check passed
     */
    public record Result(int checked, double worstRatio) {
    }

    /** Compares every element of C. */
    public static Result verifyAll(GemmOperands ops) {
        double worst = 0;
        for (int i = 0; i < ops.m(); i++) {
            for (int j = 0; j < ops.n(); j++) {
                worst = Math.max(worst, element(ops, i, j));
            }
        }
        return new Result(ops.m() * ops.n(), worst);
    }

    /**
     * Compares {@code samples} pseudo-random elements of C, always including the four corners, or every element
     * when C has no more than that many.
     *
     * @throws IllegalStateException naming the first element outside its bound
     */
    public static Result verifySample(GemmOperands ops, int samples, long seed) {
        if ((long) ops.m() * ops.n() <= samples) {
            return verifyAll(ops);
        }
        int m = ops.m(), n = ops.n();
        double worst = Math.max(Math.max(element(ops, 0, 0), element(ops, 0, n - 1)),
                Math.max(element(ops, m - 1, 0), element(ops, m - 1, n - 1)));
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 4; s < samples; s++) {
            worst = Math.max(worst, element(ops, random.nextInt(m), random.nextInt(n)));
        }
        return new Result(samples, worst);
    }

    /** Unit roundoff of the accumulation format of a precision (0 for exact integer accumulation). */
    public static double unitRoundoff(Precision precision) {
        return switch (precision) {
            case FP64 -> 0x1p-53;
            case INT8 -> 0;
            default -> 0x1p-24;
        };
    }

    private static double element(GemmOperands ops, int i, int j) {
        int k = ops.k();
        double actual = ops.c(i, j);
        if (ops.precision() == Precision.INT8) {
            long exact = 0;
            for (int p = 0; p < k; p++) {
                exact += (long) ops.a(i, p) * (long) ops.b(p, j);
            }
            if (actual != exact) {
                throw mismatch(ops, i, j, actual, exact, 0);
            }
            return 0;
        }
        double exact = 0, magnitude = 0;
        for (int p = 0; p < k; p++) {
            double term = ops.a(i, p) * ops.b(p, j);
            exact += term;
            magnitude += Math.abs(term);
        }
        double bound = 2.0 * k * unitRoundoff(ops.precision()) * magnitude + Double.MIN_NORMAL;
        double error = Math.abs(actual - exact);
        if (!(error <= bound)) {
            throw mismatch(ops, i, j, actual, exact, bound);
        }
        return error / bound;
    }

    private static IllegalStateException mismatch(GemmOperands ops, int i, int j, double actual, double exact,
                                                  double bound) {
        return new IllegalStateException(String.format(
                "%s GEMM %dx%dx%d is wrong at C[%d][%d]: got %s, expected %s (allowed error %.3g)",
                ops.precision(), ops.m(), ops.n(), ops.k(), i, j, actual, exact, bound));
    }
}
