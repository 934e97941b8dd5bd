package dev.flopcal.benchmarks;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

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
import org.openjdk.jmh.infra.BenchmarkParams;

import dev.flopcal.kernels.CpuAffinity;
import dev.flopcal.kernels.Kernels;
import dev.flopcal.kernels.StreamKernel;
import dev.flopcal.kernels.Streams;
import dev.flopcal.kernels.ThreadTeam;

/**
 * Memory bandwidth of the four STREAM kernels ({@link StreamKernel}: read, write, copy, triad) at one working-set size:
 * the bandwidth roofs of the roofline, one per memory level the working set is chosen to sit in.
 *
 * <p>The lesson: a working set that fits in L1 is swept in a few hundred cycles, so everything around the sweep must
 * vanish beside it. Each thread of the team owns its arrays (off-heap, on cache lines, allocated and first touched
 * by that thread, which runs on a CPU of its own, as likwid-bench's threads do), and each call sweeps them
 * {@code passes} times inside the kernel, until the team has moved {@link #MIN_BYTES_PER_CALL} bytes, so that
 * neither JMH's per-call work nor the team's hand-off shows. {@link #setUp} checks every thread's result before
 * timing. Measurements: docs/measurement.md#bandwidth-probes.
 *
 * <p>How to run: {@code java @src/main/resources/dev/flopcal/jvm.options -cp target/flopcal.jar org.openjdk.jmh.Main
 * 'BandwidthBenchmark.(read|triad)' -p workingSetBytes=49152,1048576,268435456 -p threads=2}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class BandwidthBenchmark {
    /**
     * Bytes the team moves per call at least: 256 MiB, about 0.3 ms at the L1 rates of 2 Zen 5 cores and 4 ms from
     * DRAM; 32 MiB measured 4-5% lower and noisier at L1. Measurements: docs/measurement.md#bandwidth-probes.
     */
    static final long MIN_BYTES_PER_CALL = 1L << 28;
    /** The triad's scalar and the value the write stores. */
    private static final double SCALAR = 3.0, FILL = 1.25;

    /** Total bytes of the kernel's arrays over all threads: each thread owns workingSetBytes / threads. */
    @Param({"1048576"})
    public long workingSetBytes;

    @Param({"1"})
    public int threads;

    /**
     * The memory level the calibration plan chose this working set for ("L1", "L2", "L3", "DRAM"), or "sweep" for a
     * point between levels. Recorded with the result for the profile's plateaus; the harness does not use it.
     */
    @Param({"sweep"})
    public String level;

    private StreamKernel kernel;
    private Streams streams;
    private ThreadTeam team;
    private Arena arena;
    /** Per member, its arrays: a (the destination), then b and c. */
    private MemorySegment[][] arrays;
    private long length;
    private int passes;
    /** Each member's read sum, a cache line apart. */
    private double[] sums;
    private IntConsumer body;
    private BitSet callerCpus;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String method = params.getBenchmark();
        kernel = StreamKernel.parse(method.substring(method.lastIndexOf('.') + 1));
        length = workingSetBytes / threads / kernel.streams() / Double.BYTES / Streams.BLOCK_DOUBLES
                * Streams.BLOCK_DOUBLES;
        if (threads < 1 || length < Streams.BLOCK_DOUBLES) {
            throw new IllegalArgumentException("working set of " + workingSetBytes + " bytes over " + threads
                    + " threads is too small for the " + kernel.id() + " kernel: each thread needs "
                    + Streams.BLOCK_DOUBLES + " doubles in each of its " + kernel.streams() + " arrays");
        }
        long bytesPerPass = length * kernel.bytesPerElement() * threads;
        passes = (int) Math.min(Integer.MAX_VALUE, Math.max(1, MIN_BYTES_PER_CALL / bytesPerPass));
        streams = Kernels.streams();
        team = new ThreadTeam(threads);
        arena = Arena.ofShared();
        arrays = new MemorySegment[threads][];
        sums = new double[8 * threads];
        Optional<BitSet> allowed = CpuAffinity.get();
        callerCpus = allowed.orElse(null);
        int[] cpus = allowed.map(b -> b.stream().toArray()).orElse(new int[0]);
        boolean[] pinned = new boolean[threads];
        team.run(m -> {
            pinned[m] = cpus.length > 0 && CpuAffinity.pin(cpus[m % cpus.length]);
            arrays[m] = allocate(kernel.streams());
        });
        System.out.println("bandwidth " + kernel.id() + ": " + streams.name() + ", " + threads + " thread"
                + (threads == 1 ? "" : "s") + (allPinned(pinned) ? " each pinned to a CPU" : " not pinned") + ", "
                + length + " doubles per array and thread, " + passes + " passes per call");
        body = body();
        check();
        JitWarmup.untilSteady("the " + kernel.id() + " kernel", 0, () -> team.run(body));
    }

    @Benchmark
    public double read(Counters.Bytes counters) {
        team.run(body);
        counters.bytes += bytesPerCall();
        return sums[0];
    }

    @Benchmark
    public MemorySegment write(Counters.Bytes counters) {
        team.run(body);
        counters.bytes += bytesPerCall();
        return arrays[0][0];
    }

    @Benchmark
    public MemorySegment copy(Counters.Bytes counters) {
        team.run(body);
        counters.bytes += bytesPerCall();
        return arrays[0][0];
    }

    @Benchmark
    public MemorySegment triad(Counters.Bytes counters) {
        team.run(body);
        counters.bytes += bytesPerCall();
        return arrays[0][0];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        team.close();
        arena.close();
        if (callerCpus != null) {
            CpuAffinity.set(callerCpus);
        }
    }

    private double bytesPerCall() {
        return (double) kernel.bytesPerElement() * length * threads * passes;
    }

    private static boolean allPinned(boolean[] pinned) {
        for (boolean p : pinned) {
            if (!p) {
                return false;
            }
        }
        return true;
    }

    /** A member's arrays, on cache lines: a = 0, b[i] = i mod 1000, c[i] = (i mod 7) / 2 (exact in binary). */
    private MemorySegment[] allocate(int count) {
        MemorySegment[] out = new MemorySegment[count];
        for (int s = 0; s < count; s++) {
            out[s] = arena.allocate(length * Double.BYTES, 64);
        }
        for (long i = 0; i < length; i++) {
            if (kernel == StreamKernel.READ) {
                out[0].setAtIndex(JAVA_DOUBLE, i, i % 1000);
            }
            if (count > 1) {
                out[1].setAtIndex(JAVA_DOUBLE, i, i % 1000);
            }
            if (count > 2) {
                out[2].setAtIndex(JAVA_DOUBLE, i, 0.5 * (i % 7));
            }
        }
        return out;
    }

    private IntConsumer body() {
        return switch (kernel) {
            case READ -> m -> sums[8 * m] = streams.read(arrays[m][0], 0, length, passes);
            case WRITE -> m -> streams.write(arrays[m][0], FILL, 0, length, passes);
            case COPY -> m -> streams.copy(arrays[m][0], arrays[m][1], 0, length, passes);
            case TRIAD -> m -> streams.triad(arrays[m][0], arrays[m][1], arrays[m][2], SCALAR, 0, length, passes);
        };
    }

    /**
     * Runs the kernel once on every member and checks what each computed: the read's sum against the closed sum of
     * its values (integers: exact in any order), every 997th element and the last of the others against the scalar
     * formula.
     */
    private void check() {
        team.run(m -> {
            MemorySegment[] x = arrays[m];
            switch (kernel) {
                case READ -> {
                    double expected = 0;
                    for (long i = 0; i < length; i++) {
                        expected += i % 1000;
                    }
                    double sum = streams.read(x[0], 0, length, 1);
                    if (sum != expected) {
                        throw new IllegalStateException("read kernel " + streams.name() + " summed " + sum
                                + " on thread " + m + ", expected " + expected);
                    }
                }
                case WRITE -> streams.write(x[0], FILL, 0, length, 1);
                case COPY -> streams.copy(x[0], x[1], 0, length, 1);
                case TRIAD -> streams.triad(x[0], x[1], x[2], SCALAR, 0, length, 1);
            }
            if (kernel == StreamKernel.READ) {
                return;
            }
            long step = Math.max(1, length / 997);
            for (long i = 0; i < length + step - 1; i += step) {
                long at = Math.min(i, length - 1);
                double expected = switch (kernel) {
                    case WRITE -> FILL;
                    case COPY -> x[1].getAtIndex(JAVA_DOUBLE, at);
                    default -> Math.fma(x[2].getAtIndex(JAVA_DOUBLE, at), SCALAR, x[1].getAtIndex(JAVA_DOUBLE, at));
                };
                double actual = x[0].getAtIndex(JAVA_DOUBLE, at);
                if (actual != expected) {
                    throw new IllegalStateException(kernel.id() + " kernel " + streams.name() + " wrote a[" + at
                            + "] = " + actual + " on thread " + m + ", expected " + expected);
                }
            }
        });
    }
}
