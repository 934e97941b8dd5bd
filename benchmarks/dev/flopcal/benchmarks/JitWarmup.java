package dev.flopcal.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Gets a kernel compiled before a multi-threaded measurement: repeats it on the calling thread alone for
 * {@link #MILLIS} ms, leaving the other cores to the JIT compiler, then waits until the compiler has gone quiet.
 * JMH's own warm-up iterations follow.
 *
 * <p>Without the wait, on 2 cores, the compiler threads were still compiling the Vector API kernels when the
 * measurement started; a kernel whose threads hand work to each other then waited on a core the compiler held, and
 * a quick calibration measured 0.2 GFLOP/s instead of tens at n = 64 with 2 threads.
 */
final class JitWarmup {
    /** Long enough for C2 to be asked to compile the Vector API kernels (they took 0.5-0.8 s cold on 2 cores). */
    static final long MILLIS = 300;
    /** The compiler counts as quiet when its total compilation time has not grown for this long. */
    static final long QUIET_MILLIS = 200;
    /** Never wait longer than this for the compiler (a JVM that keeps compiling still gets measured). */
    static final long MAX_WAIT_MILLIS = 10_000;

    private JitWarmup() {
    }

    static void onOneThread(Runnable call) {
        long end = System.nanoTime() + MILLIS * 1_000_000;
        while (System.nanoTime() < end) {
            call.run();
        }
        awaitQuietCompiler();
    }

    /** Sleeps until the JIT's total compilation time stops growing, or {@link #MAX_WAIT_MILLIS} has passed. */
    static void awaitQuietCompiler() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
        long last = jit.getTotalCompilationTime();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = jit.getTotalCompilationTime();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET_MILLIS * 1_000_000) {
                return;
            }
        }
    }
}
