package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** The unpacked path for small products ({@link SmallFp32}, {@link SmallFp64}) against the plain-Java twin. */
class SmallProductsTest {

    /**
     * m, n, k with n in units of the tile width w: every row count that mixes 6-, 4- and 1-row tiles differently,
     * n one tile, one past a tile (a last strip that overlaps almost all of the one before), and primes; depths of
     * 1, 3, 17, 63, 65, 129 and one past int8's exact depth.
     */
    static int[][] shapes(int w) {
        return new int[][] {
            {1, w, 1}, {3, w, 3}, {2, w + 1, 17}, {4, 2 * w - 1, 9}, {5, 129, 63}, {6, w + 1, 6}, {7, 2 * w + 1, 1},
            {8, w, 65}, {10, w, 1}, {13, 3 * w, 17}, {17, w + 1, 17}, {63, 2 * w - 1, 65}, {64, w, 64},
            {65, w + 3, 129}, {129, w + 17, 3}, {14, w, 1025},
        };
    }

    static Stream<Arguments> awkwardShapes() {
        List<Arguments> cases = new ArrayList<>();
        for (Precision p : Precision.measurable()) {
            int w = p == Precision.FP64 ? SmallFp64.W : SmallFp32.W;
            for (int[] s : shapes(w)) {
                cases.add(Arguments.of(p, s[0], s[1], s[2]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} m={1} n={2} k={3}")
    @MethodSource("awkwardShapes")
    void unpackedMatchesScalarTwinOnAwkwardShapes(Precision precision, int m, int n, int k) {
        GemmOperands expected = GemmOperands.random(precision, m, n, k, 43);
        GemmOperands actual = GemmOperands.random(precision, m, n, k, 43);
        new ScalarGemm().multiply(expected);
        // smallB = k·n exactly: the largest B taken, and A blocks of min(m, n) rows, so tall shapes take several
        for (int smallB : new int[] {k * n, 1 << 22}) {
            for (int threads : new int[] {1, 3}) {
                try (ThreadTeam team = new ThreadTeam(threads)) {
                    actual.clearOutput();
                    if (actual instanceof GemmOperands.Fp64 fp64) {
                        new SmallFp64(team, smallB).multiply(fp64);
                    } else {
                        new SmallFp32(team, smallB).multiply(actual);
                    }
                }
                VectorGemmTest.assertClose(expected, actual);
                GemmCheck.verifyAll(actual);
            }
        }
    }

    @Test
    void int8IsExactBeyondTheFp32ExactDepth() {
        // all products +16384: partial sums pass 2^24 after 1024 of them, where fp32 stops being exact
        int m = 7, n = SmallFp32.W + 3, k = 3000;
        GemmOperands.Int8 ops = new GemmOperands.Int8(m, n, k, new byte[m * k], new byte[k * n], new int[m * n]);
        java.util.Arrays.fill(ops.a(), (byte) -128);
        java.util.Arrays.fill(ops.b(), (byte) -128);
        ops.b()[5] = 127;
        try (ThreadTeam team = new ThreadTeam(2)) {
            new SmallFp32(team, k * n).multiply(ops);
        }
        assertEquals(k * 16384, ops.c()[1]);
        assertEquals((k - 1) * 16384 - 128 * 127, ops.c()[5]);
        GemmCheck.verifyAll(ops);
    }

    @Test
    void rowTilesAreSixesThenFoursWithOddRowsAlone() {
        assertEquals(List.of(6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 4), tiles(64));
        assertEquals(List.of(6, 6, 6, 6, 4, 4), tiles(32));
        assertEquals(List.of(6, 4), tiles(10));
        assertEquals(List.of(4, 4), tiles(8));
        assertEquals(List.of(6, 1), tiles(7));
        assertEquals(List.of(4, 1), tiles(5));
        assertEquals(List.of(4), tiles(4));
        assertEquals(List.of(1, 1, 1), tiles(3));
        assertEquals(List.of(1), tiles(1));
        for (int m = 1; m <= 200; m++) {
            List<Integer> t = tiles(m);
            assertEquals(m, t.stream().mapToInt(Integer::intValue).sum(), "m=" + m);
            long ones = t.stream().filter(r -> r == 1).count();
            assertTrue(ones <= (m < 4 ? m : 1), "m=" + m + " " + t);
        }
    }

    private static List<Integer> tiles(int m) {
        List<Integer> t = new ArrayList<>();
        for (int left = m, r; left > 0; left -= r) {
            r = SmallFp32.nextRows(left);
            t.add(r);
        }
        return t;
    }

    @Test
    void aProductIsSmallWhenBFitsTheLimitAndNIsOneTileWide() {
        int w = SmallFp32.W;
        assertTrue(SmallFp32.takes(w, 100, 100 * w));
        assertFalse(SmallFp32.takes(w, 101, 100 * w));
        assertFalse(SmallFp32.takes(w - 1, 1, 1 << 20));
        assertFalse(SmallFp32.takes(w, 1, 0));
        assertTrue(SmallFp64.takes(SmallFp64.W, 7, 7 * SmallFp64.W));
        assertFalse(SmallFp64.takes(SmallFp64.W - 1, 7, 1 << 20));
        // k·n past an int: not small, not an overflow
        assertFalse(SmallFp32.takes(1 << 16, 1 << 16, Integer.MAX_VALUE));
    }

    @Test
    void aProductThatIsNotSmallIsRefusedWithItsShape() {
        GemmOperands ops = GemmOperands.random(Precision.FP32, 3, SmallFp32.W - 1, 5, 1);
        try (ThreadTeam team = new ThreadTeam(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SmallFp32(team, 1 << 20).multiply(ops));
            assertEquals("m=3 n=" + (SmallFp32.W - 1) + " k=5 is not a small product: n must be at least " + SmallFp32.W
                    + " and k·n at most " + (1 << 20), e.getMessage());
        }
    }

    @Test
    void vectorGemmChoosesByTheSizeOfBAndSaysSoInItsPath() {
        Blocking packedOnly = new Blocking(64, 24, 64, Blocking.Order.A_PANEL_OUTER);
        for (Precision p : Precision.measurable()) {
            int w = p == Precision.FP64 ? SmallFp64.W : SmallFp32.W;
            GemmOperands expected = GemmOperands.random(p, 19, w + 5, 33, 9);
            new ScalarGemm().multiply(expected);
            for (Blocking b : List.of(packedOnly, packedOnly.withSmallB(33 * (w + 5)))) {
                GemmOperands actual = GemmOperands.random(p, 19, w + 5, 33, 9);
                try (Gemm gemm = new VectorGemm(2, b, b, 12)) {
                    gemm.multiply(actual);
                    assertEquals(b.smallB() > 0, gemm.path(p).contains("k*n <= " + b.smallB() + " not packed"),
                            gemm.path(p));
                }
                VectorGemmTest.assertClose(expected, actual);
            }
        }
    }

    @Test
    void defaultBlockingLeavesBAtMostHalfOfL2() {
        // 1 MiB L2: 512 KiB of B, 131072 fp32 or 65536 fp64 elements (only with 32 vector registers)
        if (VectorRegisters.count() >= 32) {
            assertEquals(131072, VectorGemm.forCaches(Precision.FP32, 48 * 1024, 1024 * 1024).smallB());
            assertEquals(65536, VectorGemm.forCaches(Precision.FP64, 48 * 1024, 1024 * 1024).smallB());
        } else {
            assertEquals(0, VectorGemm.forCaches(Precision.FP32, 48 * 1024, 1024 * 1024).smallB());
        }
    }
}
