package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.Precision;

class GemmOperandsTest {

    @Test
    void bytesCountAAndBInTheirOwnWidthAndCInTheAccumulatorsWidth() {
        // m = 2, n = 3, k = 5: A holds 10 elements, B 15, C 6
        assertEquals(8 * 10 + 8 * 15 + 8 * 6, GemmOperands.bytes(Precision.FP64, 2, 3, 5));
        assertEquals(4 * 10 + 4 * 15 + 4 * 6, GemmOperands.bytes(Precision.FP32, 2, 3, 5));
        assertEquals(2 * 10 + 2 * 15 + 4 * 6, GemmOperands.bytes(Precision.BF16, 2, 3, 5));
        assertEquals(2 * 10 + 2 * 15 + 4 * 6, GemmOperands.bytes(Precision.FP16, 2, 3, 5));
        assertEquals(10 + 15 + 4 * 6, GemmOperands.bytes(Precision.INT8, 2, 3, 5));
    }

    @Test
    void bytesMatchTheArraysTheOperandsHold() {
        var o = (GemmOperands.Int8) GemmOperands.random(Precision.INT8, 7, 9, 11, 1);
        assertEquals(o.a().length + o.b().length + 4L * o.c().length, GemmOperands.bytes(Precision.INT8, 7, 9, 11));
    }

    @Test
    void aFormatWithoutKernelIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> GemmOperands.bytes(Precision.TF32, 4, 4, 4));
        assertEquals("tf32 has no JVM GEMM kernel", e.getMessage());
    }
}
