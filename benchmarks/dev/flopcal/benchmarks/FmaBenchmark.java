package dev.flopcal.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.flopcal.core.Precision;
import dev.flopcal.kernels.Kernels;
import dev.flopcal.kernels.Probes;
import dev.flopcal.kernels.ThreadTeam;

/**
 * The FMA ceiling: independent chains of full-width fused multiply-adds on every thread, no memory traffic.
 * This is the compute roof of the roofline, and the measured answer to "cores × clock × FLOPs per cycle".
 *
 * <p>The lesson: a peak probe must have enough independent chains to cover FMA latency on every FMA pipe, and
 * its result must be consumed. {@link #setUp()} checks the chains' value against its closed form, so a loop
 * the JIT removed or mis-compiled produces no number.
 *
 * <p>How to run: {@code java @src/main/resources/dev/flopcal/jvm.options -cp target/flopcal.jar org.openjdk.jmh.Main
 * FmaBenchmark -p precision=fp32,fp64 -p threads=1,2}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class FmaBenchmark {
    /** Rounds per call on each thread: about a millisecond on a current core. */
    static final long ITERATIONS = 1 << 18;
    /** Rounds of the correctness check: few, because it runs before the JIT has compiled the probe. */
    static final long CHECK_ITERATIONS = 1 << 10;

    /** fp32 or fp64. */
    @Param({"fp32"})
    public String precision;

    @Param({"1"})
    public int threads;

    private Probes probes;
    private ThreadTeam team;
    private Precision p;
    private double[] sums;
    private long opsPerCall;

    @Setup(Level.Trial)
    public void setUp() {
        p = Precision.parse(precision);
        probes = Kernels.probes();
        team = new ThreadTeam(threads);
        sums = new double[threads * 16];
        opsPerCall = probes.fmaOperations(p, ITERATIONS) * threads;
        probes.verifyFma(p, CHECK_ITERATIONS);
        JitWarmup.untilSteady("the " + precision + " FMA probe", 0,
                () -> team.run(member -> sums[member * 16] = probes.fma(p, ITERATIONS)));
    }

    @Benchmark
    public double fma(Counters.Ops counters) {
        // one result slot per member, 16 doubles apart so members do not share a cache line
        team.run(member -> sums[member * 16] = probes.fma(p, ITERATIONS));
        counters.ops += opsPerCall;
        return sums[0];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        team.close();
    }
}
