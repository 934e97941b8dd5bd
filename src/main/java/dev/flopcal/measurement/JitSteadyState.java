package dev.flopcal.measurement;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Repeats a call until the JIT has finished with it: until {@value #WINDOWS} successive windows of at least
 * {@value #WINDOW_MILLIS} ms saw no compilation and rates within {@value #TOLERANCE} of each other, or until a
 * time limit. Meant for a harness's setup, before the measurement's own warm-up iterations.
 *
 * <p>Why: Vector API code runs boxed, hundreds of times slower, until C2 has compiled it, and on 2 cores C2 takes
 * a second or more to get there. With JMH's fixed warm-up of 2 × 250 ms in the default mode, bf16 and fp16 at
 * n = 128 were still interpreted during the measurement: 56 products/s where the compiled kernel does 15000, and a
 * Hockney fit of 238 PFLOP/s from those samples. Neither signal alone is enough: while code is interpreted, the
 * compiler can be quiet for 200 ms at a time (a fixed quiet period stopped an fp64 warm-up after 31 products, at
 * a twentieth of the final rate), and the rate can sit at a slow level for several windows.
 *
 * <p>A window lasts at least {@value #WINDOW_MILLIS} ms and at least one call, so a slow call makes a long window.
 * Only completed compilations are seen (the JVM's counter grows when one ends), so a long C2 compile in progress can
 * still end a warm-up early: seen once in four default calibrations (fp16, 2 threads, n = 128: 6220 products/s in the
 * first measured iteration, 26215 in the fifth).
 */
public final class JitSteadyState {
    /** Windows that must agree. */
    public static final int WINDOWS = 3;
    /** Shortest window. */
    public static final long WINDOW_MILLIS = 30;
    /** Largest relative spread (max / min - 1) of the rates of the agreeing windows. */
    public static final double TOLERANCE = 0.15;

    private final LongSupplier compilationMillis;
    private final LongSupplier clock;

    /** With this JVM's JIT compilation time (a constant where the JVM does not report it) and {@link System#nanoTime}. */
    public JitSteadyState() {
        this(compilationTime(), System::nanoTime);
    }

    /**
     * @param compilationMillis total JIT compilation time so far, in ms (only its changes matter)
     * @param clock             nanoseconds, as {@link System#nanoTime}
     */
    JitSteadyState(LongSupplier compilationMillis, LongSupplier clock) {
        this.compilationMillis = compilationMillis;
        this.clock = clock;
    }

    /** What a warm-up did: how long, how many calls, and whether it reached steady state before the limit. */
    public record Outcome(long millis, long calls, boolean steady) {
    }

    /**
     * Runs {@code call} until steady or until {@code limitMillis} have passed.
     *
     * @param call        the work to warm up
     * @param limitMillis positive time limit in ms
     * @return what happened
     */
    public Outcome warm(Runnable call, long limitMillis) {
        if (limitMillis <= 0) {
            throw new IllegalArgumentException("warm-up limit must be positive, got " + limitMillis + " ms");
        }
        Deque<Window> recent = new ArrayDeque<>();
        long start = clock.getAsLong();
        long limit = limitMillis * 1_000_000L;
        long calls = 0;
        while (true) {
            long from = clock.getAsLong();
            long compiledBefore = compilationMillis.getAsLong();
            long n = 0;
            long now;
            do {
                call.run();
                n++;
                now = clock.getAsLong();
            } while (now - from < WINDOW_MILLIS * 1_000_000L);
            calls += n;
            recent.addLast(new Window(n * 1e9 / (now - from), compilationMillis.getAsLong() != compiledBefore));
            if (recent.size() > WINDOWS) {
                recent.removeFirst();
            }
            if (steady(recent)) {
                return new Outcome((now - start) / 1_000_000, calls, true);
            }
            if (now - start >= limit) {
                return new Outcome((now - start) / 1_000_000, calls, false);
            }
        }
    }

    private record Window(double rate, boolean compiled) {
    }

    private static boolean steady(Deque<Window> recent) {
        if (recent.size() < WINDOWS) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (Window w : recent) {
            if (w.compiled()) {
                return false;
            }
            min = Math.min(min, w.rate());
            max = Math.max(max, w.rate());
        }
        return max / min - 1 <= TOLERANCE;
    }

    private static LongSupplier compilationTime() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return () -> 0L;
        }
        return jit::getTotalCompilationTime;
    }
}
