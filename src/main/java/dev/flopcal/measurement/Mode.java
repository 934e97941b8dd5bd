package dev.flopcal.measurement;

/**
 * How long and how carefully to measure. Every mode runs the sizes of one GEMM precision and thread count one
 * after the other in one JVM ({@link CalibrationPlan#groups()}), which compiles the same kernel once instead of once
 * per size, and runs each group in several JVMs, in passes over the plan, so that profiles can say how much figures
 * move from one JVM to the next (docs/measurement.md#between-jvms). The modes differ in JVMs per group, iterations
 * and sweep density.
 */
public enum Mode {
    /** About 1.5 minutes on a 2-core machine: two sizes, all threads, a 4-point bandwidth sweep, each group in two JVMs. */
    QUICK(2, 2, 50, 4, 40),
    /**
     * About 2 minutes on a 2-core machine: four sizes on all threads and the largest on one, the bandwidth triad at
     * each level, each group in two JVMs (the second measures the upper half of the sizes, where the achieved figure
     * is read).
     */
    DEFAULT(2, 2, 50, 6, 50),
    /**
     * Publication quality in at most 20 minutes: dense size, thread and bandwidth sweeps, each group in three JVMs,
     * then more JVMs for the precisions whose achieved figure is still the least certain, while the time lasts.
     */
    FULL(3, 2, 100, 6, 100);

    /** Warm-up iterations of a JVM's first step, short and many: JMH compiles its own per-iteration code then. */
    public static final int FIRST_WARMUP_ITERATIONS = 8;
    /** Length of those iterations. */
    public static final int FIRST_WARMUP_MILLIS = 20;

    private final int jvms;
    private final int warmupIterations;
    private final int warmupMillis;
    private final int measurementIterations;
    private final int measurementMillis;

    Mode(int jvms, int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis) {
        this.jvms = jvms;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
    }

    /**
     * JVMs each group of steps runs in, one after the other in passes over the plan: the spread between them is
     * what an interval from one JVM's iterations misses.
     */
    public int jvms() {
        return jvms;
    }

    /** Warm-up iterations of a step (the first step of a JVM gets {@value #FIRST_WARMUP_ITERATIONS} short ones). */
    public int warmupIterations() {
        return warmupIterations;
    }

    public int warmupMillis() {
        return warmupMillis;
    }

    /** Measured iterations of a step in each JVM. */
    public int measurementIterations() {
        return measurementIterations;
    }

    public int measurementMillis() {
        return measurementMillis;
    }

    /**
     * Seconds of measuring after which full mode stops adding JVMs to the least certain precisions (the whole run,
     * round-by-round comparisons included, then stays within 20 minutes on a 2-core machine); 0 for the other modes,
     * which add none.
     */
    public int refineUntilSeconds() {
        return this == FULL ? 15 * 60 : 0;
    }

    /**
     * Rounds of the round-by-round comparison ({@link GemmGap}: FMA probe, micro-kernel, GEMM and native BLAS taking
     * turns in 200 ms slices) that follows the JMH steps for fp32 and fp64 at each thread count, or 0 for none. Only
     * full mode runs it (about 25 s per precision and thread count): JMH measures the JVM's GEMM and OpenBLAS
     * minutes apart, and on a shared machine their ratio then moves by ± 7-9%, while taking turns cancels the
     * machine's drift within each round.
     */
    public int gapRounds() {
        return this == FULL ? 20 : 0;
    }

    /** Lower-case name, as in profiles. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
