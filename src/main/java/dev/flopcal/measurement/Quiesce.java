package dev.flopcal.measurement;

import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import dev.flopcal.benchmarks.JitSteadyState;

/**
 * Waits until this process has stopped using the CPU: run between the slices of {@link Interleaved} when the
 * workloads are multi-threaded, so that one workload's idle threads do not take cores from the next.
 *
 * <p>Why: OpenBLAS's idle worker threads keep polling for work for 2^28 time-stamp-counter ticks (about 0.1 s at
 * 2-3 GHz) after each call before they sleep ({@code THREAD_TIMEOUT} in {@code driver/others/blas_server.c},
 * adjustable with {@code OPENBLAS_THREAD_TIMEOUT}), and flopcal's own {@code ThreadTeam} workers yield for 20 ms
 * before parking. On a 2-core machine, the workload whose slice followed native OpenBLAS on 2 threads measured
 * clearly slower than the same configuration in a later slot, and a pause after native made the slots agree.
 * Measurements: docs/measurement.md#round-by-round-comparisons.
 *
 * <p>"Stopped" means the process used less than a fifth of one CPU during a 10 ms step (JIT and GC threads may
 * still run a little). The wait ends after 2 s in any case, which covers OpenBLAS's longest timeout (2^30 ticks)
 * on a counter of at least 0.5 GHz. Where the JVM does not report process CPU time, each wait is a fixed 0.5 s.
 */
final class Quiesce implements Runnable {
    static final long STEP_NANOS = 10_000_000L;
    static final long MAX_NANOS = 2_000_000_000L;
    static final long FALLBACK_NANOS = 500_000_000L;
    /** CPUs' worth of use below which the process counts as idle. */
    static final double IDLE_CPUS = 0.2;

    private final LongSupplier processCpuNanos;
    private final LongSupplier clock;
    private final LongConsumer sleeper;
    private final DescriptiveStatistics waits = new DescriptiveStatistics();

    /** Reads this process's CPU time and sleeps for real. */
    Quiesce() {
        this(JitSteadyState.processCpuTime(), System::nanoTime, Quiesce::sleep);
    }

    /**
     * @param processCpuNanos CPU time used by the process so far, or a negative value where unknown
     * @param clock           wall-clock nanoseconds
     * @param sleeper         sleeps for the given nanoseconds
     */
    Quiesce(LongSupplier processCpuNanos, LongSupplier clock, LongConsumer sleeper) {
        this.processCpuNanos = processCpuNanos;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public void run() {
        long start = clock.getAsLong();
        long cpu = processCpuNanos.getAsLong();
        if (cpu < 0) {
            sleeper.accept(FALLBACK_NANOS);
        } else {
            while (true) {
                long from = clock.getAsLong();
                sleeper.accept(STEP_NANOS);
                long now = clock.getAsLong(), used = processCpuNanos.getAsLong() - cpu;
                cpu += used;
                if (used < IDLE_CPUS * Math.max(STEP_NANOS, now - from) || now - start >= MAX_NANOS) {
                    break;
                }
            }
        }
        waits.addValue(clock.getAsLong() - start);
    }

    /** Median of the waits so far, or zero before the first. */
    Duration medianWait() {
        return waits.getN() == 0 ? Duration.ZERO : Duration.ofNanos(Math.round(waits.getPercentile(50)));
    }

    /** Longest wait so far, or zero before the first. */
    Duration longestWait() {
        return waits.getN() == 0 ? Duration.ZERO : Duration.ofNanos(Math.round(waits.getMax()));
    }

    /** This process's CPU time in ns, or -1 where the JVM does not report it. */
    private static void sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the process to go idle", e);
        }
    }
}
