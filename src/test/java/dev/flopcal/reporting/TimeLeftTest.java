package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flopcal.measurement.Step;

class TimeLeftTest {
    private static Step step(Step.Kind kind) {
        return new Step(kind, "b", Map.of(), kind.name());
    }

    private final List<Step> plan = List.of(step(Step.Kind.FMA), step(Step.Kind.FMA), step(Step.Kind.GEMM),
            step(Step.Kind.GEMM), step(Step.Kind.GEMM), step(Step.Kind.BANDWIDTH));

    @Test
    void unseenKindsTakeTheOverallMeanAndSeenKindsTheirOwn() {
        TimeLeft t = new TimeLeft(plan.stream().map(List::of).toList());
        assertEquals(0, t.after(0));
        t.finished(1, 1.0);
        assertEquals(5 * 1.0, t.after(1), 1e-12);
        t.finished(2, 2.0);
        // GEMM and bandwidth not seen yet: the mean of both FMA steps, 1.5 s, for each of the four left
        assertEquals(4 * 1.5, t.after(2), 1e-12);
        t.finished(3, 4.5);
        // two GEMM steps at 4.5 s, one bandwidth step at the overall mean (7.5 / 3)
        assertEquals(2 * 4.5 + 2.5, t.after(3), 1e-12);
        t.finished(4, 5.5);
        t.finished(5, 5.0);
        t.finished(6, 1.25);
        assertEquals(0, t.after(6), 1e-12);
    }

    @Test
    void stepsThatStartAJvmAreExpectedToTakeAsLongAsTheOthersThatDid() {
        // two groups of three GEMM sizes in one JVM each, then one bandwidth step
        TimeLeft t = new TimeLeft(List.of(
                List.of(step(Step.Kind.GEMM), step(Step.Kind.GEMM), step(Step.Kind.GEMM)),
                List.of(step(Step.Kind.GEMM), step(Step.Kind.GEMM), step(Step.Kind.GEMM)),
                List.of(step(Step.Kind.BANDWIDTH))));
        t.finished(1, 3.0);
        // later GEMM steps not seen yet: the GEMM mean; bandwidth: the overall mean
        assertEquals(6 * 3.0, t.after(1), 1e-12);
        t.finished(2, 1.0);
        // 1 later step (1 s) in this group, then a first (3 s) and two later ones, then bandwidth at the mean (2 s)
        assertEquals(1.0 + 3.0 + 2 * 1.0 + 2.0, t.after(2), 1e-12);
    }
}
