package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flopcal.measurement.Step;
import dev.flopcal.measurement.StepResult;

class ProgressLineTest {
    private final Step gemm = new Step(Step.Kind.GEMM, "gemm",
            Map.of("precision", "fp32", "size", "1024", "threads", "1"), "gemm fp32 n=1024 t=1");

    @Test
    void aLineEndsWithRateErrorTimeAndTimeLeft() {
        StepResult r = new StepResult(gemm, 1.069e11, 4.5e9, 0.5, 0.0, 2.3, null);
        assertEquals("[22/52] gemm fp32 n=1024 t=1 ........... ", ProgressLine.started(22, 52, gemm));
        assertEquals("106.9 GFLOP/s ±4.2%  (2.3 s, about 1m 06s left)", ProgressLine.finished(22, 52, r, 66));
    }

    @Test
    void aStepOfALaterPassNamesItsJvm() {
        assertEquals("[40/52] gemm fp32 n=1024 t=1 #2 ........ ", ProgressLine.started(40, 52, gemm.inJvm(2)));
    }

    @Test
    void stealFromFivePercentIsShown() {
        StepResult some = new StepResult(gemm, 1.069e11, 4.5e9, 0.5, 0.049, 2.3, null);
        assertEquals("106.9 GFLOP/s ±4.2%  (2.3 s)", ProgressLine.finished(52, 52, some, 0));
        StepResult stolen = new StepResult(gemm, 8.0e10, 2.4e10, 0.5, 0.17, 2.9, null);
        assertEquals("80.00 GFLOP/s ±30.0%  (2.9 s, hypervisor took 17%)",
                ProgressLine.finished(52, 52, stolen, 0));
    }
}
