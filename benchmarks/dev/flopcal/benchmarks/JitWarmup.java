package dev.flopcal.benchmarks;


/**
 * Gets a harness's operation compiled before JMH's warm-up and measurement: repeats it until the JIT has finished
 * with it ({@link JitSteadyState}). Vector API code runs boxed, hundreds of times slower, until C2 has compiled
 * it, and on 2 cores that took 0.7-1.6 s per new JVM: longer than the quick and default modes' JMH warm-up.
 *
 * <p>It replaced 300 ms of calls on one thread followed by a wait for a quiet compiler, which ended before C2 had
 * compiled the widening of bf16 and fp16 panels (GEMM at n = 128 measured at 40-100 products per second against
 * 15000 compiled). With JMH's warm-up cut to 100 ms, the FMA probe on 1 thread, which had no such
 * warm-up, measured ±80-119% instead of ±12-19% in default runs; hence every harness that calibration runs uses it.
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
