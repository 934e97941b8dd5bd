package dev.flopcal.measurement;

/**
 * How long and how carefully to measure. The modes differ in forks, iterations, sweep density and in how steps get
 * their JVMs: in full mode each step runs in JMH's own forked JVMs (three of them), so no step inherits another's
 * JIT state; quick and default modes run the sizes of one GEMM precision and thread count one after the other in
 * one JVM ({@link CalibrationPlan#groups()}), which compiles the same kernel once instead of once per size.
 */
public enum Mode {
    /*
     * QUICK and DEFAULT warm up for two 50 ms iterations: the JVM harnesses first run until the JIT has finished
     * (JitSteadyState), so JMH's iterations only warm its own loop. Two because, with 2 threads on 2 cores, the first
     * iteration after the harness's setup was often slow whatever came before it; one was not enough. Measurement
     * got longer (12 x 50 ms and 8 x 40 ms) once steps of one kernel shared a JVM, which narrowed the steps'
     * half-widths. Measurements: docs/measurement.md#jit-warm-up and #iterations-and-repeatability.
     */
    /** About 30 s on a 2-core machine: two sizes, all threads, a 4-point bandwidth sweep. */
    QUICK(1, 2, 50, 8, 40, true),
    /** Under 2 minutes on a 2-core machine: four sizes, one thread and all threads. */
    DEFAULT(1, 2, 50, 12, 50, true),
    /** Publication quality: three forks, long iterations, dense size, thread and bandwidth sweeps. */
    FULL(3, 3, 500, 15, 200, false);

    private final int forks;
    private final int warmupIterations;
    private final int warmupMillis;
    private final int measurementIterations;
    private final int measurementMillis;
    private final boolean sharedJvm;

    Mode(int forks, int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis,
         boolean sharedJvm) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
        this.sharedJvm = sharedJvm;
    }

    public int forks() {
        return forks;
    }

    public int warmupIterations() {
        return warmupIterations;
    }

    public int warmupMillis() {
        return warmupMillis;
    }

    public int measurementIterations() {
        return measurementIterations;
    }

    public int measurementMillis() {
        return measurementMillis;
    }

    /**
     * Whether steps of one group ({@link CalibrationPlan#groups()}) share one JVM, started for the group, instead of
     * each step getting its own JMH forks ({@link #forks()} of them).
     */
    public boolean sharedJvm() {
        return sharedJvm;
    }

    /**
     * Rounds of the round-by-round comparison ({@link GemmGap}: FMA probe, micro-kernel, GEMM and native BLAS taking
     * turns in 200 ms slices) that follows the JMH steps for fp32 and fp64 at each thread count, or 0 for none. Only
     * full mode runs it (about 25 s per precision and thread count): JMH measures the JVM's GEMM and OpenBLAS
     * minutes apart, and on a shared machine their ratio then moves by several percent, while taking turns cancels
     * the machine's drift within each round (docs/measurement.md#round-by-round-comparisons).
     */
    public int gapRounds() {
        return this == FULL ? 20 : 0;
    }

    /** Lower-case name, as in profiles. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
