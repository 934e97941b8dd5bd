package dev.flopcal.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitSteadyStateTest {
    /** The shortest window, in ms; the scripts below are written in its multiples. */
    private static final long W = JitSteadyState.WINDOW_MILLIS;
    /**
     * A fake workload on a fake clock: each call advances the clock by the next duration (ms) from the script, and
     * the compilation counter grows during the calls listed in {@code compiling}.
     */
    private static final class Script {
        final long[] callMillis;
        final boolean[] compiling;
        boolean[] hiddenBusy = new boolean[0];
        /** Bytes allocated by each call, by call index; calls past the end allocate nothing. */
        long[] allocating = new long[0];
        long nanos;
        long compiled;
        long hiddenNanos;
        long allocated;
        int next;

        Script(long[] callMillis, boolean[] compiling) {
            this.callMillis = callMillis;
            this.compiling = compiling;
        }

        void call() {
            int i = Math.min(next, callMillis.length - 1);
            nanos += callMillis[i] * 1_000_000L;
            if (compiling[i]) {
                compiled += 3;
            }
            if (i < hiddenBusy.length && hiddenBusy[i]) {
                hiddenNanos += callMillis[i] * 1_000_000L;
            }
            if (next < allocating.length) {
                allocated += allocating[next];
            }
            next++;
        }
    }

    private static JitSteadyState.Outcome run(Script s, long limitMillis) {
        return warmer(s).warm(s::call, 0, limitMillis);
    }

    private static JitSteadyState warmer(Script s) {
        return new JitSteadyState(() -> s.compiled, () -> s.hiddenNanos, () -> s.allocated, () -> s.nanos);
    }

    @Test
    void fastSteadyCodeSettlesAfterThreeWindows() {
        // a fifth of a window per call: windows of 5 calls, and the first three agree
        Script s = new Script(new long[] {W / 5}, new boolean[] {false});
        JitSteadyState.Outcome o = run(s, 5_000);
        assertTrue(o.steady());
        assertEquals(15, o.calls());
        assertEquals(15 * (W / 5), o.millis());
    }

    @Test
    void aQuietCompilerDuringSlowInterpretedCallsIsNotEnough() {
        // interpreted calls of 32, 16, 8, 4, 2 and 1 windows, each twice as fast as the last as tiers change, with
        // no compilation reported in between; then compiled, at 1 ms per call
        long[] ms = new long[300];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = i < 6 ? W << (5 - i) : 1;
        }
        Script s = new Script(ms, new boolean[ms.length]);
        JitSteadyState.Outcome o = run(s, 60_000);
        assertTrue(o.steady());
        assertTrue(s.next > 6 + 2 * W, "stopped at call " + s.next + ", before the code was compiled");
    }

    @Test
    void aSteadyRateWhileTheCompilerWorksIsNotEnough() {
        // the same fifth of a window per call throughout, but C2 reports work during the first 30 calls
        boolean[] compiling = new boolean[60];
        java.util.Arrays.fill(compiling, 0, 30, true);
        long[] ms = new long[60];
        java.util.Arrays.fill(ms, W / 5);
        Script s = new Script(ms, compiling);
        JitSteadyState.Outcome o = run(s, 5_000);
        assertTrue(o.steady());
        assertEquals(30 + 15, s.next, "the three windows after the last compilation");
    }

    @Test
    void aCompilationInProgressCountsThroughTheCompilersCpuTime() {
        // a steady rate and no compilation ended, but unlisted threads busy a whole core during the first 30 calls
        long[] ms = new long[60];
        java.util.Arrays.fill(ms, W / 5);
        Script s = new Script(ms, new boolean[60]);
        s.hiddenBusy = new boolean[60];
        java.util.Arrays.fill(s.hiddenBusy, 0, 30, true);
        JitSteadyState.Outcome o = run(s, 5_000);
        assertTrue(o.steady());
        assertEquals(30 + 15, s.next, "the three windows after the compiler went idle");
    }

    @Test
    void boxedCodeThatLooksSteadyIsToldByItsAllocations() {
        // the trap a minimum warm-up time guarded against: slow boxed code at a steady rate with the compiler quiet,
        // recognised by the vectors it allocates; 40 calls at 40 MB, then 200 bytes (a partly compiled kernel), then
        // 32 (a lambda per call, as ThreadTeam.run costs)
        long[] ms = new long[200];
        java.util.Arrays.fill(ms, W / 5);
        Script s = new Script(ms, new boolean[ms.length]);
        s.allocating = new long[200];
        java.util.Arrays.fill(s.allocating, 0, 40, 40_000_000L);
        java.util.Arrays.fill(s.allocating, 40, 60, 200);
        java.util.Arrays.fill(s.allocating, 60, 200, 32);
        JitSteadyState.Outcome o = run(s, 5_000);
        assertTrue(o.steady());
        assertEquals(40 + 15, s.next, "the three windows after the last boxed call");

        // at the allowance per call, a window (of five calls here) still counts as compiled; a byte more and not
        long a = JitSteadyState.ALLOCATION_PER_CALL;
        Script at = new Script(new long[] {W / 5}, new boolean[] {false});
        at.allocating = new long[] {a, a, a, a, a, a, a, a, a, a, a, a, a, a, a};
        run(at, 5_000);
        assertEquals(15, at.next);
        Script over = new Script(new long[] {W / 5}, new boolean[] {false});
        over.allocating = new long[] {a, a, a, a, a + 1, a, a, a, a, a, a, a, a, a, a};
        run(over, 5_000);
        assertEquals(5 + 15, over.next);
    }

    @Test
    void stopsAtTheLimitWhenTheRateNeverSettles() {
        // a call of two windows, then ten of a fifth of a window, and again: any three successive windows hold one
        // of a single call and one of five calls
        long[] ms = new long[11_000];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = i % 11 == 0 ? 2 * W : W / 5;
        }
        Script s = new Script(ms, new boolean[ms.length]);
        JitSteadyState.Outcome o = run(s, 1_000);
        assertFalse(o.steady());
        assertTrue(o.millis() >= 1_000 && o.millis() < 1_000 + 2 * W, "took " + o.millis() + " ms");
    }

    @Test
    void runsForTheMinimumEvenWhenSteadyBefore() {
        Script s = new Script(new long[] {W / 5}, new boolean[] {false});
        JitSteadyState.Outcome o = warmer(s).warm(s::call, 20 * W, 5_000);
        assertTrue(o.steady());
        assertEquals(20 * W, o.millis());
        assertEquals(100, o.calls());
    }

    @Test
    void badLimitsAreNamed() {
        JitSteadyState j = new JitSteadyState(() -> 0, () -> 0, () -> 0, System::nanoTime);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> j.warm(() -> { }, 0, 0));
        assertEquals("warm-up needs 0 <= minimum <= limit and a positive limit, got minimum 0 ms and limit 0 ms",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> j.warm(() -> { }, 2_000, 1_000));
        assertEquals("warm-up needs 0 <= minimum <= limit and a positive limit, got minimum 2000 ms and limit 1000 ms",
                e.getMessage());
    }
}
