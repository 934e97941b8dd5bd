package dev.flopcal.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;


/**
 * Repeats a call until the JIT has finished with it: until {@value #WINDOWS} successive windows of at least
 * {@value #WINDOW_MILLIS} ms saw no compilation and rates within {@value #TOLERANCE} of each other, or until a
 * time limit. Meant for a harness's setup, before the measurement's own warm-up iterations.
 *
 * <p>Why: Vector API code runs boxed, hundreds of times slower, until C2 has compiled it, and on 2 cores C2 takes
 * a second or more to get there; JMH's fixed warm-up alone once ended before that in the default mode, and the
 * measurement timed interpreted code. Neither the rate nor the compiler alone shows the end: while code is
 * interpreted, the compiler can be quiet for 200 ms at a time, and the rate can sit at a slow level for several
 * windows; hence both, and a minimum time (see {@link #warm}).
 *
 * <p>A window saw compilation when the JVM's total compilation time grew (a compilation ended) or when threads the
 * JVM does not list (its compiler and GC threads) used more than {@value #HIDDEN_CPU_SHARE} of the window's time:
 * process CPU time minus the CPU time of every listed thread. The second signal sees a long C2 compile while it is
 * still running. A window also counts as compiling when its calls allocated more than
 * {@value #ALLOCATION_PER_CALL} bytes each, over all threads: compiled Vector API code keeps its vectors in
 * registers, boxed code allocates each one. This signal sees boxed code whatever its rate and however quiet the
 * compiler. Each signal was added after a run it would have caught. Measurements: docs/measurement.md#jit-warm-up.
 *
 * <p>A window lasts at least {@value #WINDOW_MILLIS} ms and at least one call, so a slow call makes a long window.
 */
public final class JitSteadyState {
    /** Windows that must agree. */
    public static final int WINDOWS = 3;
    /** Shortest window. */
    public static final long WINDOW_MILLIS = 30;
    /** Largest relative spread (max / min - 1) of the rates of the agreeing windows. */
    public static final double TOLERANCE = 0.15;
    /** Share of a window's wall-clock time that unlisted threads may use before the window counts as compiling. */
    public static final double HIDDEN_CPU_SHARE = 0.4;
    /**
     * Most heap bytes a call may allocate, summed over all threads, in a window that counts as compiled: compiled
     * Vector API code allocates nothing (its vectors live in registers), boxed code allocates every vector it makes.
     */
    public static final long ALLOCATION_PER_CALL = 1024;
    /** Longest warm-up the harnesses allow, in ms; well above what bf16 and fp16 GEMM at n = 128 took on 2 cores. */
    public static final long LIMIT_MILLIS = 5_000;
    /**
     * Shortest GEMM warm-up, in ms: about the time C2 took to compile the GEMM's Vector API code on 2 cores, so
     * boxed code that looks steady is not taken for compiled code (see {@link #warm}); counted from the JVM's first
     * product of the precision and thread count, so the checked product and earlier sizes in the same JVM count
     * toward it. The FMA probe and the bandwidth kernels are
     * single loop nests that C2 compiles on stack during their first calls: they need no minimum.
     */
    public static final long GEMM_MIN_MILLIS = 1_000;

    private final LongSupplier compilationMillis;
    private final LongSupplier hiddenCpuNanos;
    private final LongSupplier allocatedBytes;
    private final LongSupplier clock;

    /**
     * With this JVM's JIT compilation time, the CPU time of its unlisted threads, the heap bytes allocated by all its
     * threads (each a constant where the JVM does not report it) and {@link System#nanoTime}.
     */
    public JitSteadyState() {
        this(compilationTime(), hiddenCpuTime(), allocatedBytes(), System::nanoTime);
    }

    /**
     * @param compilationMillis total JIT compilation time so far, in ms (only its changes matter)
     * @param hiddenCpuNanos    CPU time so far of threads the JVM does not list, in ns (only its changes matter)
     * @param allocatedBytes    heap bytes allocated so far by all threads (only its changes matter)
     * @param clock             nanoseconds, as {@link System#nanoTime}
     */
    JitSteadyState(LongSupplier compilationMillis, LongSupplier hiddenCpuNanos, LongSupplier allocatedBytes,
                   LongSupplier clock) {
        this.compilationMillis = compilationMillis;
        this.hiddenCpuNanos = hiddenCpuNanos;
        this.allocatedBytes = allocatedBytes;
        this.clock = clock;
    }

    /** What a warm-up did: how long, how many calls, and whether it reached steady state before the limit. */
    public record Outcome(long millis, long calls, boolean steady) {
    }

    /**
     * Runs {@code call} until steady, but for at least {@code minMillis}, or until {@code limitMillis} have passed.
     *
     * <p>Why a minimum: slow boxed code can look steady when the compiler has nothing queued yet (its counters grow
     * slowly while the code is slow); without it, warm-ups ended that way in some default calibrations
     * (docs/measurement.md#jit-warm-up).
     *
     * @param call        the work to warm up
     * @param minMillis   time to run in any case, in ms, at least 0
     * @param limitMillis positive time limit in ms, at least {@code minMillis}
     * @return what happened
     */
    public Outcome warm(Runnable call, long minMillis, long limitMillis) {
        if (limitMillis <= 0 || minMillis < 0 || minMillis > limitMillis) {
            throw new IllegalArgumentException("warm-up needs 0 <= minimum <= limit and a positive limit, got minimum "
                    + minMillis + " ms and limit " + limitMillis + " ms");
        }
        Deque<Window> recent = new ArrayDeque<>();
        long start = clock.getAsLong();
        long limit = limitMillis * 1_000_000L;
        long calls = 0;
        while (true) {
            long from = clock.getAsLong();
            long compiledBefore = compilationMillis.getAsLong();
            long hiddenBefore = hiddenCpuNanos.getAsLong();
            // read last before the calls and first after them, so the readings' own allocations are not counted
            long allocatedBefore = allocatedBytes.getAsLong();
            long n = 0;
            long now;
            do {
                call.run();
                n++;
                now = clock.getAsLong();
            } while (now - from < WINDOW_MILLIS * 1_000_000L);
            long allocated = allocatedBytes.getAsLong() - allocatedBefore;
            calls += n;
            boolean compiling = compilationMillis.getAsLong() != compiledBefore
                    || hiddenCpuNanos.getAsLong() - hiddenBefore > HIDDEN_CPU_SHARE * (now - from)
                    || allocated > ALLOCATION_PER_CALL * n;
            recent.addLast(new Window(n * 1e9 / (now - from), compiling));
            if (recent.size() > WINDOWS) {
                recent.removeFirst();
            }
            if (steady(recent) && now - start >= minMillis * 1_000_000L) {
                return new Outcome((now - start) / 1_000_000, calls, true);
            }
            if (now - start >= limit) {
                return new Outcome((now - start) / 1_000_000, calls, false);
            }
        }
    }

    private record Window(double rate, boolean compiling) {
    }

    private static boolean steady(Deque<Window> recent) {
        if (recent.size() < WINDOWS) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (Window w : recent) {
            if (w.compiling()) {
                return false;
            }
            min = Math.min(min, w.rate());
            max = Math.max(max, w.rate());
        }
        return max / min - 1 <= TOLERANCE;
    }

    /** Process CPU time minus that of every thread the JVM lists: its compiler, GC and other internal threads. */
    private static LongSupplier hiddenCpuTime() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        LongSupplier process = processCpuTime();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled() || process.getAsLong() < 0) {
            return () -> 0L;
        }
        return () -> {
            long listed = 0;
            for (long id : threads.getAllThreadIds()) {
                listed += Math.max(0, threads.getThreadCpuTime(id));
            }
            return process.getAsLong() - listed;
        };
    }

    /** Heap bytes allocated so far by all threads, live and ended (HotSpot's extension of ThreadMXBean). */
    private static LongSupplier allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
                && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()
                && threads.getTotalThreadAllocatedBytes() >= 0) {
            return threads::getTotalThreadAllocatedBytes;
        }
        return () -> 0L;
    }

    private static LongSupplier compilationTime() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return () -> 0L;
        }
        return jit::getTotalCompilationTime;
    }

    /** CPU time this process has used, in nanoseconds; a supplier of -1 where the JVM does not report it. */
    public static LongSupplier processCpuTime() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os::getProcessCpuTime;
        }
        return () -> -1;
    }
}
