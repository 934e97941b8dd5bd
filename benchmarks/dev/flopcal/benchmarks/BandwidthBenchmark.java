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

import dev.flopcal.kernels.Kernels;
import dev.flopcal.kernels.Probes;
import dev.flopcal.kernels.ThreadTeam;

/**
 * Memory bandwidth by working-set size: a STREAM triad {@code a = b + s·c} over three double arrays whose total
 * size is {@code workingSetBytes}, split over the threads. Sweeping the size from L1 to well past the last-level
 * cache shows one plateau per memory level; those are the bandwidth roofs of the roofline.
 *
 * <p>The lesson: in-cache working sets are tiny, so each call repeats the triad until it has moved at least
 * {@link #MIN_BYTES_PER_CALL} bytes, keeping JMH's per-call overhead out of the figure; each thread first
 * touches its own slice. {@link #setUp()} checks the triad's result before timing.
 *
 * <p>How to run: {@code java @src/main/resources/dev/flopcal/jvm.options -cp target/flopcal.jar org.openjdk.jmh.Main
 * BandwidthBenchmark -p workingSetBytes=32768,1048576,1073741824 -p threads=1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class BandwidthBenchmark {
    /** Bytes moved per triad element by STREAM's convention: two 8-byte loads and one 8-byte store. */
    public static final int BYTES_PER_ELEMENT = 24;
    /**
     * 32 MiB, about 0.1 ms at in-cache rates. With 1 MiB, the team's hand-off to its threads was a large share of a
     * call and the in-cache rates came out low and noisy. Measurements: docs/measurement.md#bandwidth-sweep.
     */
    static final long MIN_BYTES_PER_CALL = 1 << 25;

    /** Total bytes of the three arrays. */
    @Param({"1048576"})
    public long workingSetBytes;

    @Param({"1"})
    public int threads;

    private Probes probes;
    private ThreadTeam team;
    private double[] a;
    private double[] b;
    private double[] c;
    private int length;
    private int repeats;
    private static final double SCALAR = 3.0;

    @Setup(Level.Trial)
    public void setUp() {
        long elements = workingSetBytes / BYTES_PER_ELEMENT;
        if (elements < threads || elements > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("working set of " + workingSetBytes + " bytes gives " + elements
                    + " triad elements; need between " + threads + " and " + (Integer.MAX_VALUE - 16));
        }
        length = (int) elements;
        repeats = (int) Math.max(1, MIN_BYTES_PER_CALL / ((long) length * BYTES_PER_ELEMENT));
        probes = Kernels.probes();
        team = new ThreadTeam(threads);
        a = new double[length];
        b = new double[length];
        c = new double[length];
        team.run(member -> {
            long s = ThreadTeam.slice(member, threads, length, 8);
            for (int i = ThreadTeam.sliceFrom(s); i < ThreadTeam.sliceTo(s); i++) {
                a[i] = 0;
                b[i] = i % 1000;
                c[i] = 0.5 * (i % 7);
            }
        });
        triad();
        for (int i = 0; i < length; i += Math.max(1, length / 997)) {
            double expected = Math.fma(c[i], SCALAR, b[i]);
            if (a[i] != expected) {
                throw new IllegalStateException("triad probe " + probes.name() + " wrote a[" + i + "] = " + a[i]
                        + ", expected " + expected);
            }
        }
        JitWarmup.untilSteady("the triad probe", 0, this::triad);
    }

    @Benchmark
    public double[] triad(Counters.Bytes counters) {
        triad();
        counters.bytes += (double) BYTES_PER_ELEMENT * length * repeats;
        return a;
    }

    private void triad() {
        team.run(member -> {
            long s = ThreadTeam.slice(member, threads, length, 8);
            int from = ThreadTeam.sliceFrom(s), to = ThreadTeam.sliceTo(s);
            for (int r = 0; r < repeats; r++) {
                probes.triad(a, b, c, SCALAR, from, to);
            }
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        team.close();
    }
}
