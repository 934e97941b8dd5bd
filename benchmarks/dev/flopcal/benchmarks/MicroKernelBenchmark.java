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
import org.openjdk.jmh.annotations.Warmup;

import dev.flopcal.core.Precision;
import dev.flopcal.kernels.MicroKernel;

/**
 * The GEMM micro-kernel alone, on one thread, with both packed panels resident in L1: the rate the JIT's code for
 * the inner loop reaches when nothing else is in the way. Beside {@link FmaBenchmark} (the pipes) and
 * {@link GemmBenchmark} (the whole product) it tells how much of the gap to the FMA ceiling is code generation
 * and how much is packing, cache misses and the C update.
 *
 * <p>The lesson: measure the parts of a kernel before tuning the whole. {@link #setUp()} checks every element of
 * the tile exactly (the panels hold small integers), so a mis-compiled loop produces no number.
 *
 * <p>How to run: {@code java @src/main/resources/dev/flopcal/jvm.options -cp target/flopcal.jar org.openjdk.jmh.Main
 * 'MicroKernelBenchmark|FmaBenchmark' -p precision=fp32,fp64 -p threads=1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class MicroKernelBenchmark {

    /** fp32 (also the kernel of bf16, fp16 and int8) or fp64. */
    @Param({"fp32"})
    public String precision;

    /** Panel depth; by default {@link MicroKernel#L1_DEPTH}, both panels in L1. */
    @Param({"" + MicroKernel.L1_DEPTH})
    public int kc;

    private MicroKernel kernel;

    @Setup(Level.Trial)
    public void setUp() {
        kernel = MicroKernel.create(Precision.parse(precision), kc);
        kernel.verify();
    }

    @Benchmark
    public double run(Counters.Ops counters) {
        kernel.run();
        counters.ops += kernel.operations();
        return kernel.checksum();
    }
}
