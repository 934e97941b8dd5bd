package dev.flopcal.measurement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.flopcal.benchmarks.BandwidthBenchmark;
import dev.flopcal.benchmarks.FmaBenchmark;
import dev.flopcal.benchmarks.GemmBenchmark;
import dev.flopcal.benchmarks.NativeGemmBenchmark;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.hardware.Cpu;

/**
 * What one calibration measures: GEMM precisions, square sizes and thread counts, the FMA ceiling at those thread
 * counts, the bandwidth sweep, and the native BLAS reference where one is installed.
 *
 * @param mode            timing and density
 * @param precisions      GEMM precisions, in order, each with a JVM kernel
 * @param sizes           square GEMM sizes n (m = n = k), ascending
 * @param threads         thread counts, ascending, each within the machine
 * @param workingSets     bandwidth sweep working sets, bytes, ascending
 * @param caches          per-core "L1dBytes/L2Bytes" the GEMM blocking derives from (a JMH parameter)
 * @param nativeCoreType  OPENBLAS_CORETYPE for the native reference, "none" to leave OpenBLAS's detection alone,
 *                        or null to skip the native reference (none installed)
 */
public record CalibrationPlan(Mode mode, List<Precision> precisions, List<Integer> sizes, List<Integer> threads,
                              List<Long> workingSets, String caches, String nativeCoreType) {

    /** The largest square size accepted: three n×n fp64 matrices must fit comfortably in a default heap. */
    public static final int MAX_SIZE = 8192;

    static final String GEMM = GemmBenchmark.class.getName() + ".multiply";
    static final String NATIVE = NativeGemmBenchmark.class.getName() + ".multiply";
    static final String FMA = FmaBenchmark.class.getName() + ".fma";
    static final String BANDWIDTH = BandwidthBenchmark.class.getName() + ".triad";

    public CalibrationPlan {
        precisions = List.copyOf(precisions);
        sizes = List.copyOf(sizes);
        threads = List.copyOf(threads);
        workingSets = List.copyOf(workingSets);
    }

    /**
     * A plan for a machine, with the mode's defaults for whatever is null.
     *
     * @param cpu            the processor (cores bound the thread counts; caches shape the bandwidth sweep)
     * @param memoryBytes    physical memory, which bounds the largest bandwidth working set
     * @param mode           timing and density
     * @param precisions     GEMM precisions, or null for all five
     * @param sizes          square sizes, or null for the mode's default
     * @param threads        thread counts, or null for the mode's default
     * @param nativeCoreType see {@link #nativeCoreType()}
     * @throws InvalidInputException naming the first bad value: a precision without a JVM kernel, a size
     *                               outside 1..{@value #MAX_SIZE}, a thread count outside 1..logical cores
     */
    public static CalibrationPlan of(Cpu cpu, long memoryBytes, Mode mode, List<Precision> precisions,
                                     List<Integer> sizes, List<Integer> threads, String nativeCoreType) {
        List<Precision> ps = precisions == null ? Precision.measurable() : checkPrecisions(precisions);
        List<Integer> ns = sizes == null ? defaultSizes(mode) : checkSizes(sizes);
        int logical = Math.max(1, cpu.logicalCores());
        int physical = Math.max(1, Math.min(cpu.physicalCores(), logical));
        List<Integer> ts = threads == null ? defaultThreads(mode, physical) : checkThreads(threads, logical);
        long l1 = cpu.dataCacheBytes(1).orElse(32L * 1024);
        long l2 = cpu.dataCacheBytes(2).orElse(1024L * 1024);
        long llc = cpu.dataCacheBytes(3).orElse(l2 * physical);
        return new CalibrationPlan(mode, ps, ns, ts, workingSets(mode, l1, l2, llc, memoryBytes), l1 + "/" + l2,
                nativeCoreType);
    }

    /**
     * The steps in run order: every group of {@link #groups()}, one after the other.
     */
    public List<Step> steps() {
        return groups().stream().flatMap(List::stream).toList();
    }

    /**
     * The steps in run order, in groups that share one JVM, in {@link Mode#jvms()} passes over the plan. A pass
     * runs the FMA ceilings (every probe in one JVM), then GEMM by thread count and precision (the sizes of one
     * precision at one thread count in one JVM, which compiles its kernel once; the native reference of a shape in a
     * JVM of its own right after the JVM run of it, so both see the same machine state, except in full mode, whose
     * round-by-round comparisons pair them closer still: there the native references of a precision and thread count
     * share one JVM after its GEMM's, which halves full mode's JVMs), then the bandwidth sweep (at
     * the largest thread count; at every thread count in full mode). Later passes repeat the FMA ceilings, the
     * bandwidth sweep and GEMM at {@link #replicatedThreads()} and {@link #replicatedSizes()} in new JVMs, without
     * the native reference, so that every headline figure comes from more than one JVM.
     */
    public List<List<Step>> groups() {
        List<List<Step>> groups = new ArrayList<>();
        for (int pass = 1; pass <= mode.jvms(); pass++) {
            groups.addAll(pass(pass));
        }
        return List.copyOf(groups);
    }

    /** The groups of one pass over the plan (pass 1 measures everything; later ones see {@link #groups()}). */
    public List<List<Step>> pass(int pass) {
        List<List<Step>> groups = new ArrayList<>();
        List<Step> fma = new ArrayList<>();
        for (int t : threads) {
            fma.add(fma(Precision.FP32, t, pass));
            fma.add(fma(Precision.FP64, t, pass));
        }
        groups.add(List.copyOf(fma));
        for (int t : pass == 1 ? threads : replicatedThreads()) {
            for (Precision p : precisions) {
                groups.addAll(gemm(p, t, pass == 1 ? sizes : replicatedSizes(), pass));
            }
        }
        for (int t : mode == Mode.FULL ? threads : List.of(threads.get(threads.size() - 1))) {
            groups.add(workingSets.stream().map(ws -> new Step(Step.Kind.BANDWIDTH, BANDWIDTH,
                    params("workingSetBytes", ws, "threads", t), "bandwidth " + humanBytes(ws) + " t=" + t, pass))
                    .toList());
        }
        return groups;
    }

    /**
     * Thread counts whose GEMM later passes measure again: all of them in full mode; otherwise the largest, where
     * the achieved figure is read (the other thread counts' intervals then rest on the spread between JVMs pooled
     * over what was measured twice), which keeps a default calibration within two minutes: a GEMM JVM costs about 3
     * s before it measures, mostly the JIT compiling the kernel (docs/measurement.md#between-jvms).
     */
    public List<Integer> replicatedThreads() {
        return mode == Mode.FULL ? threads : List.of(threads.get(threads.size() - 1));
    }

    /**
     * The groups that measure one precision at one thread count in a JVM of their own, at the sizes given
     * (ascending); the first pass adds the native reference after the shapes it compares: what full mode also uses
     * to add a JVM where an achieved figure is still too uncertain.
     */
    public List<List<Step>> gemm(Precision p, int t, List<Integer> ns, int pass) {
        List<List<Step>> groups = new ArrayList<>();
        List<Step> jvm = new ArrayList<>();
        List<Step> nativeJvm = new ArrayList<>();
        for (int n : ns) {
            jvm.add(new Step(Step.Kind.GEMM, GEMM, params("precision", p.id(), "size", n, "threads", t, "caches", caches),
                    "gemm " + p + " n=" + n + " t=" + t, pass));
            if (pass == 1 && nativeCoreType != null && (p == Precision.FP32 || p == Precision.FP64)
                    && nativeSizes().contains(n)) {
                Step reference = new Step(Step.Kind.NATIVE_GEMM, NATIVE,
                        params("precision", p.id(), "size", n, "threads", t, "blasCore", nativeCoreType),
                        "native " + (p == Precision.FP32 ? "sgemm" : "dgemm") + " n=" + n + " t=" + t, pass);
                if (mode == Mode.FULL) {
                    nativeJvm.add(reference);
                } else {
                    groups.add(List.copyOf(jvm));
                    jvm = new ArrayList<>();
                    groups.add(List.of(reference));
                }
            }
        }
        if (!jvm.isEmpty()) {
            groups.add(List.copyOf(jvm));
        }
        if (!nativeJvm.isEmpty()) {
            groups.add(List.copyOf(nativeJvm));
        }
        return groups;
    }

    private static Step fma(Precision p, int t, int pass) {
        return new Step(Step.Kind.FMA, FMA, params("precision", p.id(), "threads", t), "fma ceiling " + p + " t=" + t,
                pass);
    }

    /**
     * Sizes that later passes measure again: all of them in full mode; otherwise the upper half (at least two, or
     * all when there are fewer), where the rate levels off and the achieved figure is read, which keeps a default
     * calibration within two minutes.
     */
    public List<Integer> replicatedSizes() {
        if (mode == Mode.FULL || sizes.size() <= 2) {
            return sizes;
        }
        return sizes.subList(Math.min(sizes.size() - 2, sizes.size() / 2), sizes.size());
    }

    /**
     * Sizes at which the native reference runs: every size in full mode; otherwise the sizes from 1024 up (the
     * comparison that matters is at large n, and each native step costs a JVM fork, about a second), or the largest
     * size when all are smaller.
     */
    public List<Integer> nativeSizes() {
        if (mode == Mode.FULL) {
            return sizes;
        }
        List<Integer> large = sizes.stream().filter(n -> n >= 1024).toList();
        return large.isEmpty() ? List.of(sizes.get(sizes.size() - 1)) : large;
    }

    /** Bytes as a short human figure, e.g. "48 KiB", "1 GiB". */
    public static String humanBytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? Long.toString((long) v) : String.format("%.1f", v)) + " " + units[u];
    }

    private static Map<String, String> params(Object... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], String.valueOf(kv[i + 1]));
        }
        return m;
    }

    static List<Integer> defaultSizes(Mode mode) {
        return switch (mode) {
            case QUICK -> List.of(256, 512);
            case DEFAULT -> List.of(128, 256, 512, 1024);
            case FULL -> List.of(64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048);
        };
    }

    static List<Integer> defaultThreads(Mode mode, int cores) {
        TreeSet<Integer> ts = new TreeSet<>();
        switch (mode) {
            case QUICK -> ts.add(cores);
            case DEFAULT -> {
                ts.add(1);
                ts.add(cores);
            }
            case FULL -> {
                for (int t = 1; t < cores; t *= 2) {
                    ts.add(t);
                }
                ts.add(cores);
            }
        }
        return List.copyOf(ts);
    }

    /**
     * Working sets from half the L1 data cache to four times the last-level cache (capped at an eighth of memory):
     * every doubling below twice the last-level cache in full mode; one point inside each level otherwise (half of
     * L1, L2 and LLC); and the last. A set of at least twice the LLC counts as DRAM in the profile's plateaus
     * ({@code CpuProfileBuilder.level}), but it is not there yet everywhere (on the Zen 5 VM, with a victim L3, the
     * triad at twice the LLC still ran well above DRAM speed), so the sweep ends at four times the LLC and skips the
     * sets in between. Default mode swept more points until its steps had to fit in 2 minutes. Measurements:
     * docs/measurement.md#bandwidth-sweep.
     */
    static List<Long> workingSets(Mode mode, long l1, long l2, long llc, long memoryBytes) {
        long first = Math.max(16 * 1024, l1 / 2);
        long last = Math.max(first * 4, Math.min(4 * llc, Math.max(64L << 20, memoryBytes / 8)));
        TreeSet<Long> out = new TreeSet<>();
        if (mode == Mode.FULL) {
            for (long ws = first; ws < Math.min(2 * llc, last); ws *= 2) {
                out.add(ws);
            }
        } else {
            out.add(first);
            out.add(Math.max(first, l2 / 2));
            out.add(Math.max(first, Math.min(llc / 2, last / 2)));
        }
        out.add(last);
        return List.copyOf(out);
    }

    /**
     * Checks the parts of a request that hold on any machine, before it is sent to other machines (a fleet's nodes),
     * each of which checks the rest (thread counts against its own hardware threads) when it plans.
     *
     * @param precisions GEMM precisions, or null for all
     * @param sizes      square sizes, or null for the mode's default
     * @param threads    thread counts, or null for the mode's default
     * @throws InvalidInputException naming the first bad value
     */
    public static void checkPortable(List<Precision> precisions, List<Integer> sizes, List<Integer> threads) {
        if (precisions != null) {
            checkPrecisions(precisions);
        }
        if (sizes != null) {
            checkSizes(sizes);
        }
        if (threads != null) {
            checkThreads(threads, Integer.MAX_VALUE);
        }
    }

    private static List<Precision> checkPrecisions(List<Precision> ps) {
        if (ps.isEmpty()) {
            throw new InvalidInputException("--precisions is empty; expected a list of " + Precision.measurable());
        }
        for (Precision p : ps) {
            if (!p.isMeasurable()) {
                throw new InvalidInputException("precision '" + p + "' has no CPU kernel; choose from "
                        + Precision.measurable().stream().map(Precision::id).toList());
            }
        }
        return List.copyOf(new LinkedHashSet<>(ps));
    }

    private static List<Integer> checkSizes(List<Integer> sizes) {
        if (sizes.isEmpty()) {
            throw new InvalidInputException("--sizes is empty; expected positive matrix sizes such as 256,512");
        }
        for (int n : sizes) {
            if (n <= 0) {
                throw new InvalidInputException("size " + n + " is not positive; sizes are matrix dimensions n"
                        + " (m = n = k) from 1 to " + MAX_SIZE);
            }
            if (n > MAX_SIZE) {
                throw new InvalidInputException("size " + n + " exceeds the largest supported size " + MAX_SIZE);
            }
        }
        return List.copyOf(new TreeSet<>(sizes));
    }

    private static List<Integer> checkThreads(List<Integer> threads, int logical) {
        if (threads.isEmpty()) {
            throw new InvalidInputException("--threads is empty; expected thread counts such as 1," + logical);
        }
        for (int t : threads) {
            if (t <= 0) {
                throw new InvalidInputException("thread count " + t + " is not a positive integer");
            }
            if (t > logical) {
                throw new InvalidInputException("thread count " + t + " exceeds this machine's " + logical
                        + " hardware threads");
            }
        }
        return List.copyOf(new TreeSet<>(threads));
    }
}
