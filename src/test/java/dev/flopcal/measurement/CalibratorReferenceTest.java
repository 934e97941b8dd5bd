package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.core.Precision;
import dev.flopcal.hardware.LoadMonitor;
import dev.flopcal.hardware.TestHosts;
import dev.flopcal.kernels.StreamKernel;

@EnabledOnOs({OS.LINUX, OS.MAC})
class CalibratorReferenceTest {
    @TempDir
    Path dir;

    @Test
    void eachRunIsSizedFromTheJvmsRateAtTheSameSetAndRecorded() throws IOException {
        Path args = dir.resolve("args");
        Calibrator c = calibrator(script("echo \"$@\" >> " + args + "; cat " + output()));
        List<StepResult> summaries = new ArrayList<>(List.of(jvm(500e9)));
        List<Calibrator.ReferenceRun> runs = new ArrayList<>();
        assertNull(c.runReference(List.of(reference("L1")), 2, summaries, runs, new LoadMonitor()));
        // a quarter second (quick mode) at the JVM's 500 GB/s over 48 KiB: ceil(0.25 * 500e9 / 49152) sweeps
        assertEquals("-t stream_avx512 -w N:49152B:2 -i 2543132", Files.readString(args).strip());
        assertEquals(1, runs.size());
        assertEquals(319707.86e6, runs.get(0).result().bytesPerSecond(), 1e-3);
        assertEquals(2, summaries.size());
        assertEquals(Step.Kind.NATIVE_BANDWIDTH, summaries.get(1).step().kind());
    }

    @Test
    void aFailedRunStopsTheGroupWithItsMessage() throws IOException {
        Path count = dir.resolve("count");
        // the first run works, the second fails
        Calibrator c = calibrator(script("echo x >> " + count + "; if [ $(wc -l < " + count + ") -gt 1 ]; then"
                + " echo 'ERROR: Cannot allocate memory' >&2; exit 1; fi; cat " + output()));
        List<StepResult> summaries = new ArrayList<>(List.of(jvm(500e9)));
        List<Calibrator.ReferenceRun> runs = new ArrayList<>();
        String failure = c.runReference(List.of(reference("L1"), reference("L2"), reference("L3")), 4, summaries, runs,
                new LoadMonitor());
        assertTrue(failure.endsWith(" exited with code 1: ERROR: Cannot allocate memory"), failure);
        assertEquals(1, runs.size(), "the run before the failure is kept");
        assertEquals(2, summaries.size(), "the failed run has no summary; the third never ran");
    }

    @Test
    void theStepAfterAFailedRunTakesTheNextIndex() throws IOException {
        Path count = dir.resolve("count");
        // the second run fails; the next group's run works
        List<Integer> indices = new ArrayList<>();
        CalibrationListener listener = new CalibrationListener() {
            @Override
            public void stepStarted(int index, int total, Step step) {
                indices.add(index);
            }

            @Override
            public void stepFinished(int index, int total, StepResult result) {
            }
        };
        Calibrator c = calibrator(script("echo x >> " + count + "; if [ $(wc -l < " + count + ") -eq 2 ]; then"
                + " echo 'ERROR: Cannot allocate memory' >&2; exit 1; fi; cat " + output()), listener);
        List<StepResult> summaries = new ArrayList<>(List.of(jvm(500e9)));
        List<Calibrator.ReferenceRun> runs = new ArrayList<>();
        c.runReference(List.of(reference("L1"), reference("L2"), reference("L3")), 4, summaries, runs,
                new LoadMonitor());
        assertNull(c.runReference(List.of(reference("L1")), 4, summaries, runs, new LoadMonitor()));
        // the failed run was shown as step 2, so the next step is 3 (it once reused 2)
        assertEquals(List.of(1, 2, 3), indices);
    }

    private Calibrator calibrator(Path exe) {
        return calibrator(exe, CalibrationListener.SILENT);
    }

    private Calibrator calibrator(Path exe, CalibrationListener listener) {
        LikwidBench likwid = new LikwidBench(exe.toString(), "5.2", Map.of(StreamKernel.TRIAD, "stream_avx512"), "test");
        CalibrationPlan plan = CalibrationPlan.of(TestHosts.emeraldRapidsVm(), 24L << 30, Mode.QUICK,
                List.of(Precision.FP32), List.of(256), List.of(2), null).withLikwid(likwid);
        return new Calibrator(plan, listener, false);
    }

    private static StepResult jvm(double rate) {
        Step s = new Step(Step.Kind.BANDWIDTH, CalibrationPlan.BANDWIDTH + "triad", Map.of("workingSetBytes", "49152",
                "threads", "2", "level", "L1"), "bandwidth triad L1 48 KiB t=2");
        return new StepResult(s, rate, Double.NaN, 1, 0, 1, null);
    }

    private static Step reference(String level) {
        return new Step(Step.Kind.NATIVE_BANDWIDTH, LikwidBench.BENCHMARK, Map.of("test", "stream_avx512", "kernel",
                "triad", "workingSetBytes", "49152", "threads", "2", "level", level), "likwid " + level);
    }

    private Path output() throws IOException {
        Path p = dir.resolve("out.txt");
        try (InputStream in = getClass().getResourceAsStream("/dev/flopcal/likwid/stream_avx512-49152B-2.txt")) {
            Files.writeString(p, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return p;
    }

    private Path script(String body) throws IOException {
        Path exe = dir.resolve("likwid-bench");
        Files.writeString(exe, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        return exe;
    }
}
