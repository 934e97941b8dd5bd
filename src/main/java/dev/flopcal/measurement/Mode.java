package dev.flopcal.measurement;

/**
 * How long and how carefully to measure. Every step runs in its own forked JVM (JMH's default and the only way
 * to keep one kernel's JIT profile from biasing the next); the modes differ in forks, iterations and sweep
 * density.
 */
public enum Mode {
    /*
     * QUICK and DEFAULT warm up for two 50 ms iterations: the JVM harnesses first run until the JIT has finished
     * (JitSteadyState), which took 0.7-1.6 s per fork on 2 cores, so JMH's iterations only warm its own loop. Two
     * because, with 2 threads on 2 cores, the first iteration after the harness's setup was often slow whatever
     * came before it: first measured iteration against the mean of the other seven, 8 forks each of GEMM (fp64
     * n = 128, fp32 n = 512 and 1024) and the fp32 FMA probe, 9 of 24 forks below 0.75 (down to 0.14) after one
     * 100 ms warm-up iteration, 2 of 24 (0.67, 0.54) after two of 50 ms.
     */
    /** About 30-40 s on a 2-core machine (38 s of measuring): two sizes, all threads, a 4-point bandwidth sweep. */
    QUICK(1, 2, 50, 6, 40),
    /** About 2 minutes on a 2-core machine (113-128 s of measuring): four sizes, one thread and all threads. */
    DEFAULT(1, 2, 50, 8, 50),
    /** Publication quality: three forks, long iterations, dense size, thread and bandwidth sweeps. */
    FULL(3, 3, 500, 15, 200);

    private final int forks;
    private final int warmupIterations;
    private final int warmupMillis;
    private final int measurementIterations;
    private final int measurementMillis;

    Mode(int forks, int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
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

    /** Lower-case name, as in profiles. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
