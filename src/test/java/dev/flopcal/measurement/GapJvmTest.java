package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.flopcal.core.Precision;

@Tag("integration")
class GapJvmTest {
    @Test
    void aComparisonRunsInAJvmOfItsOwnAndComesBackWhole() {
        // tiny: two rounds of 5 ms slices at n = 40
        GemmGap gap = GapJvm.measure(Precision.FP32, 40, 1, 2, 5, 1);
        assertEquals(Precision.FP32, gap.precision());
        assertEquals(40, gap.size());
        assertEquals(2, gap.result().rounds());
        assertTrue(gap.result().names().containsAll(List.of(GemmGap.FMA, GemmGap.MICRO_KERNEL, GemmGap.GEMM)),
                gap.result().names().toString());
        assertTrue(gap.result().medianRate(GemmGap.GEMM) > 0);
        assertTrue(gap.jvmPath().contains("fp32"), gap.jvmPath());
        assertTrue(gap.steal() >= 0 && gap.steal() <= 1);
    }

    @Test
    void theChildsFailureComesBackWithItsMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GapJvm.measure(Precision.BF16, 40, 1, 2, 5, 1));
        assertTrue(e.getMessage().contains("fp32 or fp64"), e.getMessage());
    }
}
