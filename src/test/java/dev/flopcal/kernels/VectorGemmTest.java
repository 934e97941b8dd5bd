package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.flopcal.core.Precision;

class VectorGemmTest {

    /** Shapes that hit every edge: 1, primes, one off the tile sizes, and more than one cache block. */
    static Stream<Arguments> awkwardShapes() {
        int[][] shapes = {
            {1, 1, 1}, {1, 37, 5}, {13, 1, 7}, {7, 3, 1}, {11, 31, 17}, {12, 32, 1}, {13, 33, 2},
            {23, 47, 131}, {25, 65, 129}, {97, 61, 300}, {36, 96, 1025}, {130, 170, 70},
        };
        List<Arguments> cases = new ArrayList<>();
        for (Precision p : Precision.measurable()) {
            for (int[] s : shapes) {
                cases.add(Arguments.of(p, s[0], s[1], s[2]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("awkwardShapes")
    void vectorMatchesScalarTwinOnAwkwardShapes(Precision precision, int m, int n, int k) {
        GemmOperands expected = GemmOperands.random(precision, m, n, k, 42);
        GemmOperands actual = GemmOperands.random(precision, m, n, k, 42);
        new ScalarGemm().multiply(expected);
        // small blocks so that these shapes cross several kc, mc, nc and nb block boundaries, in both loop orders,
        // with the 12-row micro-kernel (32 vector registers) and the 6-row one (16 registers)
        for (int mr : new int[] {12, 6}) {
            for (Blocking small : List.of(new Blocking(64, 24, 64), new Blocking(64, 24, 64, Blocking.Order.A_PANEL_OUTER),
                    new Blocking(48, 24, 128, 32, Blocking.Order.A_PANEL_OUTER))) {
                for (int threads : new int[] {1, 3}) {
                    try (Gemm gemm = new VectorGemm(threads, small, small, mr)) {
                        actual.clearOutput();
                        gemm.multiply(actual);
                    }
                    assertClose(expected, actual);
                    GemmCheck.verifyAll(actual);
                }
            }
        }
    }

    @Test
    void int8IsExactBeyondTheFp32ExactDepth() {
        // all products +16384 (or all -16384): partial sums reach 2^24 and beyond, where fp32 stops being exact
        int m = 13, n = 35, k = 3000;
        GemmOperands.Int8 ops = new GemmOperands.Int8(m, n, k, new byte[m * k], new byte[k * n], new int[m * n]);
        java.util.Arrays.fill(ops.a(), (byte) -128);
        java.util.Arrays.fill(ops.b(), (byte) -128);
        ops.b()[5] = 127;
        try (Gemm gemm = new VectorGemm(2, new Blocking(4096, 48, 4096), VectorGemm.defaultBlocking(Precision.FP64))) {
            gemm.multiply(ops);
        }
        assertEquals(k * 16384, ops.c()[1]);
        assertEquals((k - 1) * 16384 - 128 * 127, ops.c()[5]);
        GemmCheck.verifyAll(ops);
    }

    @Test
    void defaultBlockingComputesALargeProductCorrectly() {
        for (Precision p : List.of(Precision.FP32, Precision.FP64)) {
            GemmOperands ops = GemmOperands.random(p, 300, 520, 700, 7);
            try (Gemm gemm = Kernels.gemm(2)) {
                gemm.multiply(ops);
            }
            GemmCheck.Result r = GemmCheck.verifySample(ops, 2000, 3);
            assertEquals(2000, r.checked());
            assertTrue(r.worstRatio() <= 1);
        }
    }

    @Test
    void checkCatchesAWrongElement() {
        GemmOperands.Fp32 ops = (GemmOperands.Fp32) GemmOperands.random(Precision.FP32, 40, 40, 40, 1);
        new ScalarGemm().multiply(ops);
        ops.c()[40 * 17 + 3] += 0.01f;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GemmCheck.verifyAll(ops));
        assertTrue(e.getMessage().contains("C[17][3]"), e.getMessage());
    }

    @Test
    void pathNamesHowEachPrecisionIsComputed() {
        try (Gemm gemm = new VectorGemm(1)) {
            assertTrue(gemm.path(Precision.BF16).startsWith("bf16 widened to fp32"));
            assertTrue(gemm.path(Precision.INT8).contains("exact"));
            assertThrows(IllegalArgumentException.class, () -> gemm.path(Precision.TF32));
        }
    }

    /** C equals the scalar twin's exactly (int8) or within both results' rounding bounds. */
    static void assertClose(GemmOperands expected, GemmOperands actual) {
        if (expected instanceof GemmOperands.Int8 e && actual instanceof GemmOperands.Int8 a) {
            assertArrayEquals(e.c(), a.c(), "int8 must be exact");
            return;
        }
        double u = GemmCheck.unitRoundoff(expected.precision());
        for (int i = 0; i < expected.m(); i++) {
            for (int j = 0; j < expected.n(); j++) {
                double magnitude = 0;
                for (int p = 0; p < expected.k(); p++) {
                    magnitude += Math.abs(expected.a(i, p) * expected.b(p, j));
                }
                // both results carry at most k·u·Σ|ab| rounding error
                double bound = 2 * expected.k() * u * magnitude + Double.MIN_NORMAL;
                double diff = Math.abs(expected.c(i, j) - actual.c(i, j));
                if (!(diff <= bound)) {
                    throw new AssertionError("C[" + i + "][" + j + "] = " + actual.c(i, j) + ", scalar twin "
                            + expected.c(i, j) + ", bound " + bound);
                }
            }
        }
    }
}
