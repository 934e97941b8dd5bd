package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.Precision;

/** Runs where the OS has OpenBLAS (CI installs it); skipped with the loader's reason elsewhere. */
class NativeBlasTest {

    private static NativeBlas loadOrSkip() {
        try {
            return NativeBlas.load(null);
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, e.getMessage());
            return null;
        }
    }

    @Test
    void sgemmAndDgemmAreCorrectOnAwkwardShapes() {
        NativeBlas blas = loadOrSkip();
        blas.setThreads(1);
        assertTrue(blas.library().contains("openblas"));
        int[][] shapes = {{1, 1, 1}, {13, 7, 29}, {64, 33, 5}};
        try (Arena arena = Arena.ofConfined()) {
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                GemmOperands.Fp32 f = (GemmOperands.Fp32) GemmOperands.random(Precision.FP32, m, n, k, 5);
                MemorySegment c = arena.allocate(ValueLayout.JAVA_FLOAT, (long) m * n);
                blas.sgemm(m, n, k, arena.allocateFrom(ValueLayout.JAVA_FLOAT, f.a()),
                        arena.allocateFrom(ValueLayout.JAVA_FLOAT, f.b()), c);
                MemorySegment.copy(c, ValueLayout.JAVA_FLOAT, 0, f.c(), 0, m * n);
                GemmCheck.verifyAll(f);

                GemmOperands.Fp64 d = (GemmOperands.Fp64) GemmOperands.random(Precision.FP64, m, n, k, 6);
                MemorySegment cd = arena.allocate(ValueLayout.JAVA_DOUBLE, (long) m * n);
                blas.dgemm(m, n, k, arena.allocateFrom(ValueLayout.JAVA_DOUBLE, d.a()),
                        arena.allocateFrom(ValueLayout.JAVA_DOUBLE, d.b()), cd);
                MemorySegment.copy(cd, ValueLayout.JAVA_DOUBLE, 0, d.c(), 0, m * n);
                GemmCheck.verifyAll(d);
            }
        }
    }

    @Test
    void productCopiesOperandsComputesOnceAndRunsAgain() {
        NativeBlas blas = loadOrSkip();
        blas.setThreads(1);
        try (Arena arena = Arena.ofConfined()) {
            for (Precision p : new Precision[] {Precision.FP32, Precision.FP64}) {
                GemmOperands ops = GemmOperands.random(p, 11, 19, 23, 8);
                Runnable product = blas.product(ops, arena);
                GemmCheck.verifyAll(ops); // C was copied back after the first run
                ops.clearOutput();
                product.run(); // later runs write the off-heap C only
                assertEquals(0.0, ops.c(3, 4));
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> blas.product(GemmOperands.random(Precision.BF16, 2, 2, 2, 1), arena));
            assertTrue(e.getMessage().contains("bf16"), e.getMessage());
        }
    }
}
