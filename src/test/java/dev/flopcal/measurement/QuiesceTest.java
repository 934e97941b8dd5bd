package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class QuiesceTest {

    /** Wall clock and process CPU time that advance only when the quiesce sleeps. */
    private static final class FakeProcess {
        long now;
        long cpu;
        /** CPUs busy during each successive sleep; the last value repeats. */
        double[] busy;
        int sleeps;
        final List<Long> slept = new ArrayList<>();

        FakeProcess(double... busy) {
            this.busy = busy;
        }

        Quiesce quiesce() {
            return new Quiesce(() -> cpu, () -> now, nanos -> {
                slept.add(nanos);
                cpu += Math.round(nanos * busy[Math.min(sleeps++, busy.length - 1)]);
                now += nanos;
            });
        }
    }

    @Test
    void waitsWhileAnotherThreadStillSpinsThenStops() {
        // one OpenBLAS worker polling for three steps, then asleep
        FakeProcess p = new FakeProcess(1.0, 1.0, 1.0, 0.05);
        Quiesce q = p.quiesce();
        q.run();
        assertEquals(4, p.slept.size());
        assertEquals(Duration.ofNanos(4 * Quiesce.STEP_NANOS), q.medianWait());
    }

    @Test
    void anIdleProcessCostsOneStep() {
        FakeProcess p = new FakeProcess(0.0);
        Quiesce q = p.quiesce();
        q.run();
        q.run();
        assertEquals(2, p.slept.size());
        assertEquals(Duration.ofNanos(Quiesce.STEP_NANOS), q.longestWait());
    }

    @Test
    void aProcessThatNeverGoesIdleIsWaitedForAtMostTheLimit() {
        FakeProcess p = new FakeProcess(2.0);
        Quiesce q = p.quiesce();
        q.run();
        assertEquals(Quiesce.MAX_NANOS / Quiesce.STEP_NANOS, p.slept.size());
        assertEquals(Duration.ofNanos(Quiesce.MAX_NANOS), q.longestWait());
    }

    @Test
    void withoutProcessCpuTimeEachWaitIsFixed() {
        List<Long> slept = new ArrayList<>();
        long[] now = {0};
        Quiesce q = new Quiesce(() -> -1, () -> now[0], nanos -> {
            slept.add(nanos);
            now[0] += nanos;
        });
        q.run();
        assertEquals(List.of(Quiesce.FALLBACK_NANOS), slept);
        assertEquals(Duration.ofNanos(Quiesce.FALLBACK_NANOS), q.medianWait());
    }

    @Test
    void onTheRealProcessAWaitLastsFromOneStepToTheLimit() {
        Quiesce q = new Quiesce();
        q.run();
        long waited = q.longestWait().toNanos();
        assertTrue(waited >= Quiesce.STEP_NANOS && waited < Quiesce.MAX_NANOS + 500_000_000L, waited + " ns");
    }
}
