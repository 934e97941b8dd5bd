package dev.flopcal.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import dev.flopcal.kernels.Blocking;
import dev.flopcal.kernels.Gemm;
import dev.flopcal.kernels.GemmCheck;
import dev.flopcal.kernels.GemmOperands;
import dev.flopcal.kernels.Kernels;
import dev.flopcal.kernels.VectorGemm;

/**
 * Square GEMM, C = A·B with n×n operands, with the Vector API kernels in one precision over a number of threads.
 *
 * <p>The lesson: a throughput is only worth reporting for a kernel known to be right. {@link #setUp()} runs the
 * product once and checks sampled elements of C against an exact reference (int8 exactly, floats within the
 * rounding bound of a length-n dot product); a wrong kernel fails here and produces no number.
 *
 * <p>Before JMH's warm-up, the product is repeated until the JIT has finished with it ({@link JitWarmup}), for at
 * least {@link JitSteadyState#GEMM_MIN_MILLIS} ms from the JVM's first (checked) product of the precision at the
 * thread count: Vector API code runs boxed, hundreds of times slower, until C2 has compiled it, and JMH's short
 * warm-up in the default mode ended before that.
 *
 * <p>The primary score is products per second; the secondary {@code ops} score is the rate that matters,
 * 2·n³ operations per product: FLOP/s for fp64, fp32, bf16 and fp16, integer op/s for int8.
 *
 * <p>How to run (after {@code mvn package}):
 * <pre>
 * java @src/main/resources/dev/flopcal/jvm.options -cp target/flopcal.jar org.openjdk.jmh.Main GemmBenchmark \
 *      -p precision=fp32,bf16 -p size=512,1024 -p threads=1,2
 * </pre>
 * or let {@code ./calibrate} run the whole plan.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
public class GemmBenchmark {

    /** fp64, fp32, bf16, fp16 or int8. */
    @Param({"fp32"})
    public String precision;

    /** m = n = k. */
    @Param({"512"})
    public int size;

    /** Threads one product is split over. */
    @Param({"1"})
    public int threads;

    /**
     * Per-core cache sizes the blocking is derived from, "L1dBytes/L2Bytes" (JMH splits values on commas); "default" assumes 32 KiB and 1 MiB.
     * The calibrator passes the detected sizes, so the raw results record the blocking that was measured.
     */
    @Param({"default"})
    public String caches;

    /**
     * When this JVM first ran the kernel of a precision and thread count (System.nanoTime()): the JIT's minimum counts
     * from there, so a later size in the same JVM (quick and default calibrations run the sizes of one kernel in one
     * JVM) does not wait for a compilation that has already happened.
     */
    private static final Map<String, Long> FIRST_PRODUCT = new ConcurrentHashMap<>();

    private Gemm gemm;
    private GemmOperands operands;

    @Setup(Level.Trial)
    public void setUp() {
        Precision p = Precision.parse(precision);
        Blocking fp32 = VectorGemm.defaultBlocking(Precision.FP32);
        Blocking fp64 = VectorGemm.defaultBlocking(Precision.FP64);
        if (!caches.equals("default")) {
            String[] parts = caches.split("/");
            long l1 = Long.parseLong(parts[0].trim()), l2 = Long.parseLong(parts[1].trim());
            fp32 = VectorGemm.forCaches(Precision.FP32, l1, l2);
            fp64 = VectorGemm.forCaches(Precision.FP64, l1, l2);
        }
        gemm = Kernels.gemm(threads, fp32, fp64);
        operands = GemmOperands.random(p, size, size, size, 20261122L + size);
        long firstProduct = FIRST_PRODUCT.computeIfAbsent(precision + " t=" + threads, key -> System.nanoTime());
        gemm.multiply(operands);
        GemmCheck.verifySample(operands, 512, size);
        // the checked product ran cold code too (0.5 s of it at n = 1024), and so did earlier sizes in this JVM: they
        // count toward the warm-up's minimum
        long spentMillis = (System.nanoTime() - firstProduct) / 1_000_000;
        JitWarmup.untilSteady("the " + precision + " GEMM", Math.max(0, JitSteadyState.GEMM_MIN_MILLIS - spentMillis),
                () -> gemm.multiply(operands));
    }

    @Benchmark
    public GemmOperands multiply(Counters.Ops counters) {
        gemm.multiply(operands);
        counters.ops += operands.operations();
        return operands;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gemm.close();
    }
}
