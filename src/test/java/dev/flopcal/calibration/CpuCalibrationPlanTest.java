package dev.flopcal.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.Precision;
import dev.flopcal.kernels.VectorGemm;
import dev.flopcal.kernels.StreamKernel;
import dev.flopcal.measurement.Calibrator;
import dev.flopcal.measurement.LikwidBench;
import dev.flopcal.measurement.Mode;
import dev.flopcal.measurement.Step;
import dev.flopcal.measurement.StepResult;

class CpuCalibrationPlanTest {

    @Test
    void recordsTheBlockingEachPrecisionRunsWith() {
        Map<String, String> b = CpuCalibration.blocking("49152/2097152", List.of(Precision.FP64, Precision.FP32,
                Precision.INT8)).orElseThrow();
        assertEquals(List.of("fp64", "fp32", "int8"), List.copyOf(b.keySet()));
        assertEquals(VectorGemm.forCaches(Precision.FP64, 49152, 2097152).toString(), b.get("fp64"));
        assertEquals(VectorGemm.forCaches(Precision.FP32, 49152, 2097152).toString(), b.get("fp32"));
    }

    @Test
    void likwidRunsAreGroupedByLevelKernelAndThreads() {
        LikwidBench likwid = new LikwidBench("/usr/bin/likwid-bench", "5.2",
                Map.of(StreamKernel.TRIAD, "stream_avx512"), "test");
        // full mode's order in each pass: 1 thread, then 2 threads
        List<Calibrator.ReferenceRun> runs = List.of(run(1, 24576, 250e9), run(2, 49152, 500e9),
                run(1, 24576, 260e9), run(2, 49152, 520e9));
        List<String> refs = CpuCalibration.bandwidthReferences(likwid, runs).stream()
                .map(r -> r.level() + " " + r.kernel() + " t=" + r.reference().threads() + " "
                        + r.reference().runs()).toList();
        assertEquals(List.of("L1 triad t=1 [2.5E11, 2.6E11]", "L1 triad t=2 [5.0E11, 5.2E11]"), refs);
    }

    private static Calibrator.ReferenceRun run(int threads, long ws, double rate) {
        Step step = new Step(Step.Kind.NATIVE_BANDWIDTH, LikwidBench.BENCHMARK, Map.of("test", "stream_avx512",
                "kernel", "triad", "workingSetBytes", Long.toString(ws), "threads", Integer.toString(threads),
                "level", "L1"), "likwid stream_avx512 L1 t=" + threads);
        return new Calibrator.ReferenceRun(step, List.of("likwid-bench", "-w", "N:" + ws + "B:" + threads),
                new LikwidBench.Result(rate, ws, 1.0));
    }

    @Test
    void comparesRoundByRoundAtTheLargestPlannedSizeUpTo1024() {
        assertEquals(1024, CpuCalibration.gapSize(List.of(64, 128, 1024, 1536, 2048)));
        assertEquals(96, CpuCalibration.gapSize(List.of(64, 96)));
        assertEquals(1536, CpuCalibration.gapSize(List.of(2048, 1536)));
    }

    @Test
    void stealIsNotedOnlyWhenAStepLostAtLeastFivePercent() {
        Step fma = new Step(Step.Kind.FMA, "fma", Map.of("threads", "2"), "fma ceiling fp32 t=2");
        Step gemm = new Step(Step.Kind.GEMM, "gemm", Map.of("threads", "2"), "gemm fp64 n=128 t=2");
        StepResult quiet = new StepResult(fma, 1e11, 1e9, 1.0, 0.049, 1.5, null);
        assertTrue(CpuCalibration.stealNote(outcome(0.02, quiet), Mode.DEFAULT).isEmpty());
        StepResult stolen = new StepResult(gemm, 5e10, 2e10, 1.0, 0.123, 2.5, null);
        assertEquals("The hypervisor took 3.0% of the CPU time during this run (steal time), at least 5% in 1 of 2"
                + " steps and 12% in 'gemm fp64 n=128 t=2': rates measured then are lower and noisier than the"
                + " hardware's; re-run on a quieter machine or use --full.",
                CpuCalibration.stealNote(outcome(0.03, quiet, stolen), Mode.DEFAULT).orElseThrow());
        assertTrue(CpuCalibration.stealNote(outcome(0.03, quiet, stolen), Mode.FULL).orElseThrow()
                .endsWith("re-run on a quieter machine."));
    }

    private static Calibrator.Outcome outcome(double steal, StepResult... steps) {
        return new Calibrator.Outcome(List.of(), List.of(steps), 10, 1, 1, steal, List.of(), null);
    }
}
