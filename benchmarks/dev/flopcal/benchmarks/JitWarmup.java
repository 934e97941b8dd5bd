package dev.flopcal.benchmarks;


/**
 * Gets a harness's operation compiled before JMH's warm-up and measurement: repeats it until the JIT has finished
 * with it ({@link JitSteadyState}). Vector API code runs boxed, hundreds of times slower, until C2 has compiled
 * it, and on 2 cores that took longer than the quick and default modes' JMH warm-up. Every harness that calibration
 * runs uses it: the FMA probe, which once had no such warm-up, measured far noisier without it. What it replaced
 * and why: docs/measurement.md#jit-warm-up.
 */
final class JitWarmup {
    private JitWarmup() {
    }

    /**
     * Repeats {@code call} until steady and for at least {@code minMillis}, saying so on standard output (JMH's log of
     * the fork) if it never is steady.
     */
    static void untilSteady(String what, long minMillis, Runnable call) {
        JitSteadyState.Outcome warm = new JitSteadyState().warm(call, minMillis, JitSteadyState.LIMIT_MILLIS);
        if (!warm.steady()) {
            System.out.println("JIT warm-up of " + what + ": no steady rate after " + warm.millis() + " ms and "
                    + warm.calls() + " calls; measuring anyway");
        }
    }
}
