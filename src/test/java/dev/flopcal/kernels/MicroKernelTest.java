package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.flopcal.core.Precision;

class MicroKernelTest {

    @ParameterizedTest(name = "{0} {1} rows kc={2}")
    @CsvSource({
        "FP32, 12, 1", "FP32, 12, 7", "FP32, 12, 256", "FP32, 6, 1", "FP32, 6, 131",
        "FP64, 12, 1", "FP64, 12, 13", "FP64, 12, 128", "FP64, 6, 2", "FP64, 6, 97",
        "FP32, 12, 4096", "FP64, 12, 4096",
    })
    void tileEqualsThePlainSumOfProducts(Precision precision, int mr, int kc) {
        MicroKernel kernel = new MicroKernel(precision, kc, mr);
        kernel.verify();
        int nr = precision == Precision.FP64 ? Fp64Engine.NR : Fp32Engine.NR;
        assertEquals(mr + "x" + nr, kernel.tile());
        assertEquals(2.0 * mr * nr * kc, kernel.operations());
    }

    @Test
    void repeatedRunsDoNotAccumulate() {
        MicroKernel kernel = new MicroKernel(Precision.FP32, 64, 12);
        kernel.run();
        double first = kernel.checksum();
        kernel.run();
        assertEquals(first, kernel.checksum());
        kernel.verify();
    }

    @Test
    void rejectsNarrowPrecisionsAndBadDepthsNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MicroKernel(Precision.BF16, 256, 12));
        assertTrue(e.getMessage().contains("bf16") || e.getMessage().contains("BF16"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MicroKernel(Precision.FP32, 0, 12));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MicroKernel(Precision.FP64, MicroKernel.MAX_DEPTH + 1, 12));
        assertTrue(e.getMessage().contains("got " + (MicroKernel.MAX_DEPTH + 1)), e.getMessage());
    }

    @Test
    void panelBytesCountBothPanels() {
        assertEquals((12 + 32) * 128 * 4, new MicroKernel(Precision.FP32, 128, 12).panelBytes());
        assertEquals((6 + Fp64Engine.NR) * 100 * 8, new MicroKernel(Precision.FP64, 100, 6).panelBytes());
    }
}
