package dev.flopcal.benchmarks;

/**
 * Gets a kernel compiled before a multi-threaded measurement: repeats it on the calling thread alone for
 * {@link #MILLIS} ms, leaving the other cores to the JIT compiler. JMH's own warm-up iterations follow.
 */
final class JitWarmup {
    /** Long enough for C2 to compile the Vector API kernels on a 2-core machine (they took 0.5-0.8 s cold). */
    static final long MILLIS = 300;

    private JitWarmup() {
    }

    static void onOneThread(Runnable call) {
        long end = System.nanoTime() + MILLIS * 1_000_000;
        while (System.nanoTime() < end) {
            call.run();
        }
    }
}
