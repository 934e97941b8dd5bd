package dev.flopcal.benchmarks;

import java.lang.foreign.Arena;
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
import dev.flopcal.kernels.GemmCheck;
import dev.flopcal.kernels.GemmOperands;
import dev.flopcal.kernels.NativeBlas;

/**
 * The native reference: the system's OpenBLAS {@code cblas_sgemm} / {@code cblas_dgemm} on the same square
 * problems as {@link GemmBenchmark}, called through the Foreign Function &amp; Memory API on off-heap matrices.
 *
 * <p>The lesson: a JVM figure means little without the best native figure measured on the same machine in the
 * same session. Where no OpenBLAS is installed, {@link #setUp()} fails with a message saying what to install
 * and the calibrator skips this harness.
 *
 * <p>{@code blasCore} sets {@code OPENBLAS_CORETYPE} before the library loads ("none" leaves OpenBLAS's own CPU
 * detection alone): OpenBLAS releases older than the CPU fall back to generic kernels. The calibrator passes the
 * best core the CPU's instruction set supports and records the library's detected and used cores.
 *
 * <p>How to run: {@code java @src/main/resources/dev/flopcal/jvm.options -cp target/flopcal.jar org.openjdk.jmh.Main
 * NativeGemmBenchmark -p size=1024}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class NativeGemmBenchmark {

    /** fp32 (sgemm) or fp64 (dgemm). */
    @Param({"fp32"})
    public String precision;

    @Param({"512"})
    public int size;

    /** OpenBLAS threads. */
    @Param({"1"})
    public int threads;

    /** Value for OPENBLAS_CORETYPE, or "none". */
    @Param({"none"})
    public String blasCore;

    private Arena arena;
    private Runnable product;
    private double opsPerCall;

    @Setup(Level.Trial)
    public void setUp() {
        Precision p = Precision.parse(precision);
        if (p != Precision.FP32 && p != Precision.FP64) {
            throw new IllegalArgumentException("native BLAS reference runs fp32 or fp64, not " + p);
        }
        NativeBlas blas = NativeBlas.load(blasCore.equals("none") ? null : blasCore);
        blas.setThreads(threads);
        System.out.println("native BLAS: " + blas.library() + ", core " + blas.coreName().orElse("?")
                + ", " + blas.config().orElse("?"));
        GemmOperands ops = GemmOperands.random(p, size, size, size, 20261122L + size);
        arena = Arena.ofShared();
        product = blas.product(ops, arena);
        GemmCheck.verifySample(ops, 512, size);
        opsPerCall = ops.operations();
    }

    @Benchmark
    public Runnable multiply(Counters.Ops counters) {
        product.run();
        counters.ops += opsPerCall;
        return product;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }
}
