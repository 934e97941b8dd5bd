package dev.flopcal.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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

import dev.flopcal.kernels.GemmCheck;
import dev.flopcal.kernels.GemmOperands;
import dev.flopcal.kernels.NativeBlas;
import dev.flopcal.kernels.Precision;

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
 * <p>How to run: {@code java -cp target/flopcal.jar org.openjdk.jmh.Main NativeGemmBenchmark -p size=1024}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkJvm.VECTOR_MODULE, ForkJvm.NATIVE_ACCESS, ForkJvm.JMH_UNSAFE})
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

    private NativeBlas blas;
    private Arena arena;
    private MemorySegment a;
    private MemorySegment b;
    private MemorySegment c;
    private boolean fp64;

    @Setup(Level.Trial)
    public void setUp() {
        Precision p = Precision.parse(precision);
        if (p != Precision.FP32 && p != Precision.FP64) {
            throw new IllegalArgumentException("native BLAS reference runs fp32 or fp64, not " + p);
        }
        fp64 = p == Precision.FP64;
        blas = NativeBlas.load(blasCore.equals("none") ? null : blasCore);
        blas.setThreads(threads);
        System.out.println("native BLAS: " + blas.library() + ", core " + blas.coreName().orElse("?")
                + ", " + blas.config().orElse("?"));
        GemmOperands ops = GemmOperands.random(p, size, size, size, 20261122L + size);
        arena = Arena.ofShared();
        if (fp64) {
            GemmOperands.Fp64 d = (GemmOperands.Fp64) ops;
            a = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, d.a());
            b = arena.allocateFrom(ValueLayout.JAVA_DOUBLE, d.b());
            c = arena.allocate(ValueLayout.JAVA_DOUBLE, (long) size * size);
            blas.dgemm(size, size, size, a, b, c);
            MemorySegment.copy(c, ValueLayout.JAVA_DOUBLE, 0, d.c(), 0, d.c().length);
        } else {
            GemmOperands.Fp32 f = (GemmOperands.Fp32) ops;
            a = arena.allocateFrom(ValueLayout.JAVA_FLOAT, f.a());
            b = arena.allocateFrom(ValueLayout.JAVA_FLOAT, f.b());
            c = arena.allocate(ValueLayout.JAVA_FLOAT, (long) size * size);
            blas.sgemm(size, size, size, a, b, c);
            MemorySegment.copy(c, ValueLayout.JAVA_FLOAT, 0, f.c(), 0, f.c().length);
        }
        GemmCheck.verifySample(ops, 512, size);
    }

    @Benchmark
    public MemorySegment multiply(Counters.Ops counters) {
        if (fp64) {
            blas.dgemm(size, size, size, a, b, c);
        } else {
            blas.sgemm(size, size, size, a, b, c);
        }
        counters.ops += 2.0 * size * size * size;
        return c;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }
}
