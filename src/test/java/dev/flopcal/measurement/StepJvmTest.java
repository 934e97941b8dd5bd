package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class StepJvmTest {

    @Test
    void stepsSurviveTheirRequestLine() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("caches", "49152/2097152");
        params.put("odd", "a=b&c d?é");
        StepJvm.Request request = new StepJvm.Request(Mode.QUICK, true, List.of(
                new Step(Step.Kind.GEMM, CalibrationPlan.GEMM, params, "gemm"),
                new Step(Step.Kind.FMA, "x.Y.z", Map.of(), "fma")));
        String line = ChildJvm.encodeRequest(request);
        assertFalse(line.contains("\n"), line);
        StepJvm.Request back = ChildJvm.decodeRequest(line, StepJvm.Request.class);
        assertEquals(request, back);
        assertEquals(Map.entry(CalibrationPlan.GEMM, params), Map.entry(back.steps().get(0).benchmark(),
                back.steps().get(0).params()));
        assertEquals(Map.entry("x.Y.z", Map.of()), Map.entry(back.steps().get(1).benchmark(), back.steps().get(1).params()));
    }

    @Test
    void aStartedJvmRunsItsStepsInOrderAndReportsEachResult() throws Exception {
        List<Step> steps = List.of(bandwidth(8192), bandwidth(16384));
        List<String> relayed = new ArrayList<>();
        try (StepJvm jvm = StepJvm.start(steps, Mode.QUICK, true)) {
            for (Step s : steps) {
                JmhStep.Ran ran = jvm.next(relayed::add);
                assertEquals(CalibrationPlan.BANDWIDTH + "triad", ran.result().getParams().getBenchmark());
                assertEquals(s.param("workingSetBytes"), ran.result().getParams().getParam("workingSetBytes"));
                assertEquals(Mode.QUICK.measurementIterations(), ran.result().getPrimaryResult().getSampleCount());
                assertTrue(Calibrator.rate(ran.result()).getScore() > 0);
            }
        }
        assertTrue(relayed.stream().anyMatch(l -> l.contains("Benchmark: " + CalibrationPlan.BANDWIDTH + "triad")), relayed.toString());
        // JMH warns about runs without forks; the log says right after it how this JVM was started
        int warning = indexOf(relayed, StepJvm.JMH_NON_FORKED_WARNING);
        assertTrue(warning >= 0, relayed.toString());
        assertEquals(StepJvm.NON_FORKED_NOTE, relayed.get(warning + 1));
        assertTrue(relayed.stream().anyMatch(l -> l.contains("Blackhole mode: compiler")), relayed.toString());
    }

    @Test
    void aFailingHarnessEndsTheGroupWithItsOwnMessage() {
        Step bad = new Step(Step.Kind.GEMM, CalibrationPlan.GEMM, Map.of("precision", "fp7", "size", "8", "threads", "1"),
                "gemm fp7");
        try (StepJvm jvm = StepJvm.start(List.of(bad, bandwidth(8192)), Mode.QUICK, false)) {
            JmhStep.Failed e = assertThrows(JmhStep.Failed.class, () -> jvm.next(l -> { }));
            assertTrue(e.getMessage().contains("fp7"), e.getMessage());
            // the JVM gave up on the group: nothing more comes
            JmhStep.Failed gone = assertThrows(JmhStep.Failed.class, () -> jvm.next(l -> { }));
            assertTrue(gone.getMessage().contains("exited with code 1"), gone.getMessage());
        }
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    private static Step bandwidth(long bytes) {
        return new Step(Step.Kind.BANDWIDTH, CalibrationPlan.BANDWIDTH + "triad",
                Map.of("workingSetBytes", Long.toString(bytes), "threads", "1"), "bandwidth " + bytes);
    }
}
