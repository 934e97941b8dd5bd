package dev.flopcal.measurement;

import java.lang.foreign.Arena;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import dev.flopcal.core.Precision;
import dev.flopcal.hardware.Cpu;
import dev.flopcal.hardware.LoadMonitor;
import dev.flopcal.kernels.Gemm;
import dev.flopcal.kernels.GemmCheck;
import dev.flopcal.kernels.GemmOperands;
import dev.flopcal.kernels.Kernels;
import dev.flopcal.kernels.MicroKernel;
import dev.flopcal.kernels.NativeBlas;
import dev.flopcal.kernels.Probes;
import dev.flopcal.kernels.ThreadTeam;
import dev.flopcal.kernels.VectorGemm;

/**
 * Where the JVM's GEMM loses to the FMA ceiling and to native BLAS, on a given number of threads, measured in one
 * run. Four workloads take turns ({@link Interleaved}): the FMA probe, the GEMM micro-kernel on L1-resident panels
 * ({@link MicroKernel}), the whole GEMM, and OpenBLAS's sgemm/dgemm when installed. Each is checked before timing.
 * On more than one thread, the probe and the micro-kernel run one copy per thread, GEMM and OpenBLAS split one
 * product, and after every slice the run waits until the process is idle ({@link Quiesce}).
 * The ratios split the gap:
 * <pre>
 *   micro-kernel / fma           code generation of the inner loop
 *   gemm / micro-kernel          packing, cache misses and the C update
 *   gemm / native                the JVM against the best native figure
 * </pre>
 *
 * @param precision  fp32 or fp64
 * @param size       n of the n×n×n product
 * @param threads    threads every workload ran on
 * @param cpu        the CPU's name
 * @param jvmPath    how the JVM GEMM computes (kernel, tile, blocking)
 * @param nativeNote the native library and kernel set, or why there is none
 * @param result     rates of every workload in every round
 * @param settle     median and longest wait for the process to go idle after a slice; zero on one thread
 * @param steal      share of the machine's CPU time the hypervisor gave to other guests during the rounds (0..1)
 */
public record GemmGap(Precision precision, int size, int threads, String cpu, String jvmPath, String nativeNote,
                      Interleaved.Result result, Settle settle, double steal) {

    /** How long the run waited after slices for idle threads to stop (zero when it did not wait). */
    public record Settle(Duration median, Duration longest) {
        static final Settle NONE = new Settle(Duration.ZERO, Duration.ZERO);
    }

    public static final String FMA = "fma";
    public static final String MICRO_KERNEL = "micro-kernel";
    public static final String GEMM = "gemm";
    public static final String NATIVE = "native";

    private static final int FMA_ITERATIONS = 1 << 16;
    private static final int MICRO_CALLS = 512;

    /** Keeps every workload's result observable. */
    private static volatile double sink;

    /** True when the native reference ran. */
    public boolean hasNative() {
        return result.names().contains(NATIVE);
    }

    /**
     * Measures the four workloads on this machine.
     *
     * @param threads  threads for every workload, at least 1
     * @param cpu      the detected CPU: its caches set the GEMM's blocking, its ISA the OpenBLAS kernel set
     * @param progress told after each measured round
     * @throws IllegalArgumentException      for a precision other than fp32/fp64, a size or thread count below 1
     * @throws UnsupportedOperationException where the Vector API kernels are not in use
     * @throws IllegalStateException         when a workload computes a wrong result
     */
    public static GemmGap measure(Precision precision, int size, int threads, Interleaved runner, Cpu cpu,
                                  IntConsumer progress) {
        if (precision != Precision.FP32 && precision != Precision.FP64) {
            throw new IllegalArgumentException("the GEMM gap is measured for fp32 or fp64, not " + precision);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, got " + size);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        if (!Kernels.vectorAvailable()) {
            throw new UnsupportedOperationException("the GEMM gap needs the Vector API kernels;"
                    + " run java with --add-modules jdk.incubator.vector");
        }
        long l1 = cpu.dataCacheBytes(1).orElse(32L * 1024), l2 = cpu.dataCacheBytes(2).orElse(1024L * 1024);
        double ops = 2.0 * size * size * size;
        try (ThreadTeam team = new ThreadTeam(threads);
             Gemm gemm = Kernels.gemm(threads, VectorGemm.forCaches(Precision.FP32, l1, l2),
                     VectorGemm.forCaches(Precision.FP64, l1, l2));
             Arena arena = Arena.ofConfined()) {
            List<Interleaved.Workload> workloads = new ArrayList<>();
            workloads.add(fma(precision, team));
            workloads.add(microKernel(precision, team));
            GemmOperands operands = GemmOperands.random(precision, size, size, size, 20261122L + size);
            gemm.multiply(operands);
            GemmCheck.verifySample(operands, 512, size);
            workloads.add(new Interleaved.Workload(GEMM, ops, () -> gemm.multiply(operands)));
            String nativeNote = addNative(precision, size, threads, cpu, arena, workloads);
            Quiesce quiesce = threads > 1 ? new Quiesce() : null;
            LoadMonitor load = new LoadMonitor();
            Interleaved.Result result = (quiesce != null ? runner.settlingWith(quiesce) : runner).run(workloads, progress);
            String path = gemm.path(precision)
                    + (gemm instanceof VectorGemm v ? "; blocking " + v.blocking(precision) : "");
            Settle settle = quiesce != null ? new Settle(quiesce.medianWait(), quiesce.longestWait()) : Settle.NONE;
            return new GemmGap(precision, size, threads, cpu.name(), path, nativeNote, result, settle,
                    load.sinceLastSample().steal());
        }
    }

    /** The FMA probe, one copy per member of the team. */
    private static Interleaved.Workload fma(Precision p, ThreadTeam team) {
        Probes probes = Kernels.probes();
        probes.verifyFma(p, 1024);
        double[] sinks = new double[team.size()];
        return new Interleaved.Workload(FMA, (double) team.size() * probes.fmaOperations(p, FMA_ITERATIONS), () -> {
            team.run(member -> sinks[member] = probes.fma(p, FMA_ITERATIONS));
            sink = sinks[0];
        });
    }

    /** The micro-kernel on its own panels, one copy per member of the team. */
    private static Interleaved.Workload microKernel(Precision p, ThreadTeam team) {
        MicroKernel[] micro = new MicroKernel[team.size()];
        for (int i = 0; i < micro.length; i++) {
            micro[i] = MicroKernel.create(p, MicroKernel.L1_DEPTH);
            micro[i].verify();
        }
        return new Interleaved.Workload(MICRO_KERNEL, (double) team.size() * MICRO_CALLS * micro[0].operations(), () -> {
            team.run(member -> {
                MicroKernel m = micro[member];
                for (int i = 0; i < MICRO_CALLS; i++) {
                    m.run();
                }
            });
            sink = micro[0].checksum();
        });
    }

    /** Adds OpenBLAS as a workload when it loads; returns what was loaded, or why nothing was. */
    private static String addNative(Precision p, int n, int threads, Cpu cpu, Arena arena,
                                    List<Interleaved.Workload> workloads) {
        String env = System.getenv("OPENBLAS_CORETYPE");
        String core = NativeReference.coreToSet(cpu, env, null);
        NativeBlas blas;
        try {
            blas = NativeBlas.load(core);
        } catch (UnsupportedOperationException e) {
            return "no native reference: " + e.getMessage();
        }
        blas.setThreads(threads);
        GemmOperands operands = GemmOperands.random(p, n, n, n, 20261122L + n);
        Runnable call = blas.product(operands, arena);
        GemmCheck.verifySample(operands, 512, n);
        workloads.add(new Interleaved.Workload(NATIVE, 2.0 * n * n * n, call));
        return blas.library() + ", kernels " + blas.coreName().orElse("?")
                + (core != null ? " (OPENBLAS_CORETYPE=" + core + (env != null ? ", in place of the environment's " + env : "")
                        + ")" : env != null ? " (OPENBLAS_CORETYPE=" + env + " from the environment)" : "");
    }
}
