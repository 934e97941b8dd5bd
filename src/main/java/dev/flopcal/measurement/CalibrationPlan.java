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
import dev.flopcal.kernels.StreamKernel;

/**
 * What one calibration measures: GEMM precisions, square sizes and thread counts, the FMA ceiling at those thread
 * counts, the bandwidth kernels at working sets inside each memory level, and the native references where they are
 * installed (OpenBLAS beside GEMM, likwid-bench beside the bandwidth kernels).
 *
 * @param mode            timing and density
 * @param precisions      GEMM precisions, in order, each with a JVM kernel
 * @param sizes           square GEMM sizes n (m = n = k), ascending
 * @param belowTopSizes   the sizes measured at thread counts below the largest: {@code sizes}, or in default mode
 *                        without {@code --sizes} the largest alone (the per-core figure and the thread scaling)
 * @param threads         thread counts, ascending, each within the machine
 * @param cacheBytes      the sizes the bandwidth working sets derive from ({@link #bandwidth(int)})
 * @param caches          per-core "L1dBytes/L2Bytes" the GEMM blocking derives from (a JMH parameter)
 * @param nativeCoreType  OPENBLAS_CORETYPE for the native reference, "none" to leave OpenBLAS's detection alone,
 *                        or null to skip the native reference (none installed)
 * @param likwid          the native bandwidth reference, or null to skip it (not installed, or it failed to run)
 */
public record CalibrationPlan(Mode mode, List<Precision> precisions, List<Integer> sizes, List<Integer> belowTopSizes,
                              List<Integer> threads,
                              BandwidthCaches cacheBytes, String caches, String nativeCoreType, LikwidBench likwid) {

    /**
     * The sizes the bandwidth working sets derive from.
     *
     * @param l1          L1 data cache per core, bytes
     * @param l2          L2 per core, bytes
     * @param llc         last-level cache, bytes
     * @param cores       physical cores sharing it
     * @param memoryBytes physical memory, which bounds the largest working set
     */
    public record BandwidthCaches(long l1, long l2, long llc, int cores, long memoryBytes) {
    }

    /**
     * One bandwidth working set of the plan.
     *
     * @param level           the memory level it is chosen to sit in ("L1", "L2", "L3", "DRAM"), or {@link #SWEEP}
     * @param workingSetBytes total bytes of a kernel's arrays over all threads
     * @param kernels         the kernels measured at it
     */
    public record BandwidthSet(String level, long workingSetBytes, List<StreamKernel> kernels) {
        /** The level of a set of full mode's sweep between the level sets. */
        public static final String SWEEP = "sweep";

        public BandwidthSet {
            kernels = List.copyOf(kernels);
        }
    }

    /** The largest square size accepted: three n×n fp64 matrices must fit comfortably in a default heap. */
    public static final int MAX_SIZE = 8192;

    static final String GEMM = GemmBenchmark.class.getName() + ".multiply";
    static final String NATIVE = NativeGemmBenchmark.class.getName() + ".multiply";
    static final String FMA = FmaBenchmark.class.getName() + ".fma";
    static final String BANDWIDTH = BandwidthBenchmark.class.getName() + ".";

    public CalibrationPlan {
        precisions = List.copyOf(precisions);
        sizes = List.copyOf(sizes);
        belowTopSizes = List.copyOf(belowTopSizes);
        threads = List.copyOf(threads);
    }

    /** The same plan with the native bandwidth reference, or without it (null). */
    public CalibrationPlan withLikwid(LikwidBench reference) {
        return new CalibrationPlan(mode, precisions, sizes, belowTopSizes, threads, cacheBytes, caches, nativeCoreType,
                reference);
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
        // default mode's sizes at one thread (of two) cost a fifth of its time; the largest alone gives the per-core
        // rate and the thread scaling (docs/measurements/amd-zen5-2c.md#calibration-times)
        List<Integer> below = mode == Mode.DEFAULT && sizes == null ? List.of(ns.get(ns.size() - 1)) : ns;
        return new CalibrationPlan(mode, ps, ns, below, ts, new BandwidthCaches(l1, l2, llc, physical, memoryBytes),
                l1 + "/" + l2, nativeCoreType, null);
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
     * precision at one thread count in one JVM, which compiles its kernel once, {@link #belowTopSizes()} below the
     * largest thread count; the native reference of a shape in a JVM of its own right after the JVM run of it, so
     * both see the same machine state, except in full mode, whose
     * round-by-round comparisons pair them closer still: there the native references of a precision and thread count
     * share one JVM after its GEMM's, which halves full mode's JVMs), then the bandwidth kernels at the level working
     * sets (at the largest thread count; at every thread count in full mode) in one JVM, followed by likwid-bench at
     * the same sets and threads where it is installed ({@link #measures}). Later passes repeat the FMA ceilings, the
     * bandwidth triad (every kernel in full mode), its likwid-bench reference, and GEMM at {@link #replicatedThreads()}
     * and {@link #replicatedSizes()} in new JVMs, without the native GEMM reference, so that every headline figure
     * comes from more than one JVM.
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
        int top = threads.get(threads.size() - 1);
        List<List<Step>> groups = new ArrayList<>();
        List<Step> fma = new ArrayList<>();
        for (int t : threads) {
            fma.add(fma(Precision.FP32, t, pass));
            fma.add(fma(Precision.FP64, t, pass));
        }
        groups.add(List.copyOf(fma));
        for (int t : pass == 1 ? threads : replicatedThreads()) {
            for (Precision p : precisions) {
                groups.addAll(gemm(p, t, pass > 1 ? replicatedSizes() : t < top ? belowTopSizes : sizes, pass));
            }
        }
        for (int t : mode == Mode.FULL ? threads : List.of(top)) {
            List<Step> jvm = new ArrayList<>(), reference = new ArrayList<>();
            for (BandwidthSet set : bandwidth(t)) {
                for (StreamKernel k : set.kernels()) {
                    if (!measures(k)) {
                        continue;
                    }
                    String where = (set.level().equals(BandwidthSet.SWEEP) ? "" : set.level() + " ")
                            + humanBytes(set.workingSetBytes()) + " t=" + t;
                    jvm.add(new Step(Step.Kind.BANDWIDTH, BANDWIDTH + k.id(), params("workingSetBytes",
                            set.workingSetBytes(), "threads", t, "level", set.level()), "bandwidth " + k.id() + " "
                            + where, pass));
                    if (likwid != null && !set.level().equals(BandwidthSet.SWEEP) && likwid.tests().containsKey(k)
                            && (mode == Mode.FULL || k == StreamKernel.TRIAD)) {
                        String test = likwid.tests().get(k);
                        reference.add(new Step(Step.Kind.NATIVE_BANDWIDTH, LikwidBench.BENCHMARK, params("test", test,
                                "kernel", k.id(), "workingSetBytes", set.workingSetBytes(), "threads", t, "level",
                                set.level()), "likwid " + test + " " + where, pass));
                    }
                }
            }
            groups.add(List.copyOf(jvm));
            if (!reference.isEmpty()) {
                groups.add(List.copyOf(reference));
            }
        }
        return groups;
    }

    /**
     * The bandwidth working sets at {@code t} threads, ascending: one inside each memory level, chosen from the
     * detected caches, where every kernel runs: half of L1d per thread; half of L2 per thread (at least twice L1d);
     * between L2 and the thread's share of the last-level cache per thread (their geometric mean, the share taken as at
     * least four times L2), rounded down to a power of two; and eight times the last-level cache in all (at least 64
     * MiB, at most an eighth of memory). Full mode adds the triad at every doubling from 16 KiB in all to twice the last-level cache, labelled
     * {@link BandwidthSet#SWEEP}: the curve between the plateaus. Why these sizes: a set of the whole L1 measured below
     * L2 (the old sweep's L1 plateau averaged 24, 48 and 96 KiB on 2 threads), and on the Zen 5 VM the triad at twice
     * the last-level cache still ran well above DRAM speed (docs/measurement.md#bandwidth-probes).
     */
    public List<BandwidthSet> bandwidth(int t) {
        BandwidthCaches c = cacheBytes;
        long l1 = Math.max(8 * 1024, c.l1() / 2);
        long l2 = Math.max(2 * c.l1(), c.l2() / 2);
        long share = Math.max(4 * c.l2(), c.llc() / Math.max(1, c.cores()));
        long l3 = Math.max(2 * c.l2(), Long.highestOneBit((long) Math.sqrt((double) c.l2() * share)));
        long dram = Math.max(64L << 20, Math.min(8 * c.llc(), Math.max(64L << 20, c.memoryBytes() / 8)));
        List<BandwidthSet> levels = List.of(new BandwidthSet("L1", l1 * t, KERNELS),
                new BandwidthSet("L2", l2 * t, KERNELS), new BandwidthSet("L3", l3 * t, KERNELS),
                new BandwidthSet("DRAM", Math.max(dram, 2 * l3 * t), KERNELS));
        if (mode != Mode.FULL) {
            return levels;
        }
        java.util.TreeMap<Long, BandwidthSet> out = new java.util.TreeMap<>();
        for (long ws = 16 * 1024; ws < 2 * c.llc(); ws *= 2) {
            out.put(ws, new BandwidthSet(BandwidthSet.SWEEP, ws, List.of(StreamKernel.TRIAD)));
        }
        levels.forEach(l -> out.put(l.workingSetBytes(), l));
        return List.copyOf(out.values());
    }

    private static final List<StreamKernel> KERNELS = List.of(StreamKernel.values());

    /**
     * Whether kernel {@code k} is measured at a level set: the triad, the roofline's roof, in every
     * pass of every mode; read, write and copy in full mode only (in default mode they cost 12 s of its 2 minutes).
     * Their likwid-bench references run in full mode only, the triad's in every mode: each likwid-bench run costs
     * about a second more than it measures (it sleeps twice for half a second while it times its clock).
     */
    boolean measures(StreamKernel k) {
        return k == StreamKernel.TRIAD || mode == Mode.FULL;
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
