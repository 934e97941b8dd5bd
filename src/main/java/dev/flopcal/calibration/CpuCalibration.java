package dev.flopcal.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.flopcal.benchmarks.JitSteadyState;
import dev.flopcal.core.AtomicFiles;
import dev.flopcal.core.BuildInfo;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.core.Sha256;
import dev.flopcal.hardware.Cpu;
import dev.flopcal.hardware.Host;
import dev.flopcal.hardware.HostDetector;
import dev.flopcal.hardware.Microarchitecture;
import dev.flopcal.hardware.Microarchitectures;
import dev.flopcal.hardware.NominalPeaks;
import dev.flopcal.kernels.Gemm;
import dev.flopcal.kernels.Kernels;
import dev.flopcal.kernels.VectorGemm;
import dev.flopcal.measurement.CalibrationFailedException;
import dev.flopcal.measurement.CalibrationListener;
import dev.flopcal.measurement.CalibrationPlan;
import dev.flopcal.measurement.Calibrator;
import dev.flopcal.measurement.GapJvm;
import dev.flopcal.measurement.GemmGap;
import dev.flopcal.measurement.JmhResults;
import dev.flopcal.measurement.LikwidBench;
import dev.flopcal.measurement.Mode;
import dev.flopcal.measurement.NativeReference;
import dev.flopcal.measurement.StepResult;
import dev.flopcal.profiles.CpuProfileBuilder;
import dev.flopcal.profiles.Devices;
import dev.flopcal.profiles.GapRun;
import dev.flopcal.profiles.Ids;
import dev.flopcal.profiles.NativeBlasInfo;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;
import dev.flopcal.profiles.Provenance;
import dev.flopcal.profiles.Roofline;

/**
 * Calibrates this machine: detects it, plans and runs the measurements, keeps JMH's raw JSON under
 * {@code raw/} and writes the profile under {@code profiles/} of an output directory. Both files are written
 * atomically and only after every step succeeded, so an interrupted or failed calibration leaves nothing behind.
 */
public final class CpuCalibration {

    /**
     * What to measure and where to write it.
     *
     * @param mode       timing and density
     * @param precisions GEMM precisions, or null for all
     * @param sizes      square sizes, or null for the mode's default
     * @param threads    thread counts, or null for the mode's default
     * @param nominal    datasheet peaks replacing the computed nominal ({@code --nominal})
     * @param outDir     directory receiving {@code profiles/} and {@code raw/}
     * @param command    the command line, for provenance
     * @param verbose    show JMH's own output
     * @param node       the batch scheduler's node running this calibration as a fleet's node task, or null
     * @param jobId      that task's job id, or null; with {@code node}, recorded in the provenance and appended to the
     *                   profile id, so that the profiles of a fleet's nodes never collide
     */
    public record Request(Mode mode, List<Precision> precisions, List<Integer> sizes, List<Integer> threads,
                          Map<Precision, Double> nominal, Path outDir, String command, boolean verbose, String node,
                          String jobId) {
        public Request {
            nominal = Map.copyOf(nominal);
            if ((node == null) != (jobId == null)) {
                throw new InvalidInputException("a node task names both its node and its job id (--node and --job-id),"
                        + " not only " + (node == null ? "the job id " + jobId : "the node " + node));
            }
        }

        /** A calibration outside any batch job. */
        public Request(Mode mode, List<Precision> precisions, List<Integer> sizes, List<Integer> threads,
                       Map<Precision, Double> nominal, Path outDir, String command, boolean verbose) {
            this(mode, precisions, sizes, threads, nominal, outDir, command, verbose, null, null);
        }
    }

    /**
     * A finished calibration.
     *
     * @param profile     the profile written
     * @param profileFile where
     * @param rawFile     the raw JMH results
     * @param steps       per-step summaries
     * @param host        the machine
     * @param plan        what was measured
     * @param nativeSkipped why the native reference was skipped, or null
     */
    public record Result(Profile profile, Path profileFile, Path rawFile, List<StepResult> steps, Host host,
                         CalibrationPlan plan, String nativeSkipped) {
    }

    /** Half-width of the achieved intervals full mode measures towards (fp32 and fp64 first), as a fraction. */
    public static final double FULL_MODE_TARGET = Refinement.target();

    private CpuCalibration() {
    }

    /** Validates the request against this machine and returns the plan, without measuring anything. */
    public static CalibrationPlan plan(Request request, Host host, String nativeCoreType) {
        return CalibrationPlan.of(host.cpu(), host.memoryBytes(), request.mode(), request.precisions(),
                request.sizes(), request.threads(), nativeCoreType);
    }

    /**
     * A validated calibration, ready to run.
     *
     * @param request    what was asked
     * @param host       the machine
     * @param plan       the steps
     * @param nativeRef  the native reference, if installed
     * @param nativeNote what was found about the native reference, in words
     * @param likwidNote what was found about the native bandwidth reference (likwid-bench), in one line
     */
    public record Prepared(Request request, Host host, CalibrationPlan plan, Optional<NativeReference> nativeRef,
                           String nativeNote, String likwidNote) {
        /** The device's name as the profile will give it, e.g. "AMD EPYC (Zen 5, 2 vCPUs)". */
        public String deviceName() {
            return Devices.of(host, Microarchitectures.of(host.cpu())).name();
        }
    }

    /**
     * Detects the machine, validates the request against it and plans the steps; measures and writes nothing.
     *
     * @throws dev.flopcal.core.InvalidInputException naming the first bad value
     */
    public static Prepared prepare(Request request) {
        Host host = HostDetector.detect();
        plan(request, host, null);
        String[] skipped = new String[1];
        Optional<NativeReference> nativeRef = NativeReference.probe(host.cpu(), why -> skipped[0] = why);
        String note = skipped[0] != null ? "native BLAS reference skipped: " + skipped[0]
                : "native BLAS reference: " + nativeRef.orElseThrow().library() + " (" + nativeRef.orElseThrow().config()
                        + "); " + nativeRef.orElseThrow().reason();
        String[] likwidSkipped = new String[1];
        Optional<LikwidBench> likwid = LikwidBench.probe(host.cpu(), why -> likwidSkipped[0] = why);
        String likwidNote = likwid.map(l -> "native bandwidth reference: " + l.describe())
                .orElse("native bandwidth reference skipped: " + likwidSkipped[0] + "; the bandwidth figures stand"
                        + " alone");
        CalibrationPlan plan = plan(request, host, nativeRef.map(NativeReference::coreType).orElse(null))
                .withLikwid(likwid.orElse(null));
        return new Prepared(request, host, plan, nativeRef, note, likwidNote);
    }

    /** Runs a prepared calibration and writes the raw results and the profile, only once every step succeeded. */
    public static Result run(Prepared prepared, CalibrationListener listener) throws IOException {
        Request request = prepared.request();
        Host host = prepared.host();
        CalibrationPlan plan = prepared.plan();
        Optional<NativeReference> nativeRef = prepared.nativeRef();
        String[] skipped = {nativeRef.isEmpty() ? prepared.nativeNote() : null};
        Instant started = Instant.now();
        Optional<Microarchitecture> uarch = Microarchitectures.of(host.cpu());
        int cores = host.cpu().physicalCores();
        String id = Ids.forCalibration(uarch.map(Microarchitecture::id).orElse(host.cpu().name()),
                Math.min(cores, plan.threads().get(plan.threads().size() - 1)), started);
        if (request.node() != null) {
            id = Ids.forNodeTask(id, request.node(), request.jobId());
        }
        Path rawFile = request.outDir().resolve("raw").resolve(id + ".jmh.json");
        Path profileFile = request.outDir().resolve("profiles").resolve(id + ".json");
        NativeBlasInfo provisionalNative = nativeRef.map(n -> new NativeBlasInfo(n.library(), n.config(),
                n.detectedCore(), n.coreType(), n.reason())).orElse(null);
        Calibrator.Outcome outcome = new Calibrator(plan, listener, request.verbose()).run(new Refinement(plan,
                inputs(id, host, uarch, request.nominal(), plan, provisionalNative, List.of(), null)));
        Map<Precision, List<GapRun>> gaps = gaps(plan, host, listener);

        String rawJson = Calibrator.toJson(outcome.results());
        Provenance provenance = new Provenance(started.toString(), "flopcal " + BuildInfo.version(), host.jdk(),
                Calibrator.jmhVersion(), plan.mode().id(), planMap(plan, request),
                "../raw/" + rawFile.getFileName(), Sha256.hex(rawJson.getBytes(StandardCharsets.UTF_8)),
                outcome.seconds(), load(outcome, host), null, request.node(), request.jobId(), null);
        List<String> notes = new ArrayList<>();
        if (NominalPeaks.amxHidden(host.cpu(), uarch)) {
            notes.add("This microarchitecture has AMX tiles, but the OS does not expose them (no amx_bf16 flag;"
                    + " typical under hypervisors): bf16 and int8 nominal figures exclude AMX.");
        }
        stealNote(outcome, plan.mode()).ifPresent(notes::add);
        if (outcome.referenceFailure() != null) {
            notes.add("likwid-bench, the native bandwidth reference, failed during the run (" + outcome.referenceFailure()
                    + "): the bandwidth figures have no reference.");
        }
        if (host.cachesBasis() != null) {
            notes.add(host.cachesBasis());
        }
        if (uarch.isEmpty()) {
            notes.add("Microarchitecture not in flopcal's table (family " + host.cpu().family() + ", model "
                    + host.cpu().model() + "): per-cycle rates inferred from the ISA flags, assuming two FMA pipes.");
        }
        NativeBlasInfo nativeInfo = nativeRef.map(n -> new NativeBlasInfo(n.library(), n.config(), n.detectedCore(),
                usedCore(outcome, n), n.reason())).orElse(null);
        CpuProfileBuilder.Inputs inputs = inputs(id, host, uarch, request.nominal(), plan, nativeInfo, notes, provenance);
        Profile profile = CpuProfileBuilder.withBandwidthReference(CpuProfileBuilder.withGap(
                CpuProfileBuilder.build(inputs, JmhResults.parse(rawFile.toString(), rawJson)), gaps),
                bandwidthReferences(plan.likwid(), outcome.references()));

        AtomicFiles.writeString(rawFile, rawJson);
        ProfileIO.write(profile, profileFile);
        return new Result(profile, profileFile, rawFile, outcome.steps(), host, plan, skipped[0]);
    }

    /**
     * The likwid-bench runs grouped by level, kernel and threads, in run order, as the profile records them: the tool,
     * test, the first run's command, the working set likwid-bench used and every run's figure. (Full mode runs it at
     * every thread count; grouped by level and kernel alone, a 2-thread figure once averaged 1- and 2-thread runs.)
     */
    static List<CpuProfileBuilder.BandwidthReference> bandwidthReferences(LikwidBench likwid,
                                                                         List<Calibrator.ReferenceRun> runs) {
        Map<String, List<Calibrator.ReferenceRun>> byLevel = new LinkedHashMap<>();
        for (Calibrator.ReferenceRun r : runs) {
            byLevel.computeIfAbsent(r.step().param("level") + "/" + r.step().param("kernel") + "/"
                    + r.step().param("threads"), k -> new ArrayList<>()).add(r);
        }
        List<CpuProfileBuilder.BandwidthReference> out = new ArrayList<>();
        byLevel.values().forEach(list -> {
            Calibrator.ReferenceRun first = list.get(0);
            long size = first.result().sizeBytes() > 0 ? first.result().sizeBytes()
                    : Long.parseLong(first.step().param("workingSetBytes"));
            out.add(new CpuProfileBuilder.BandwidthReference(first.step().param("level"), first.step().param("kernel"),
                    new Roofline.NativeBandwidth(likwid.tool(), first.step().param("test"),
                            String.join(" ", first.command()), size, Integer.parseInt(first.step().param("threads")),
                            list.stream().map(r -> r.result().bytesPerSecond()).toList(), null)));
        });
        return out;
    }

    /** Milliseconds each workload runs per round of a round-by-round comparison. */
    static final int GAP_SLICE_MILLIS = 200;
    /** Discarded rounds before a round-by-round comparison's measured ones (JIT compilation, caches). */
    static final int GAP_WARMUP_ROUNDS = 3;

    /**
     * The round-by-round comparisons of the mode ({@link Mode#gapRounds()}), for fp32 and fp64 as planned, at every
     * planned thread count and at {@link #gapSize}; none where the mode runs none or the Vector API kernels are
     * not in use.
     *
     * @throws dev.flopcal.measurement.CalibrationFailedException when a workload computes a wrong result
     */
    static Map<Precision, List<GapRun>> gaps(CalibrationPlan plan, Host host, CalibrationListener listener) {
        Map<Precision, List<GapRun>> runs = new EnumMap<>(Precision.class);
        int rounds = plan.mode().gapRounds();
        List<Precision> precisions = plan.precisions().stream()
                .filter(p -> p == Precision.FP32 || p == Precision.FP64).toList();
        if (rounds == 0 || precisions.isEmpty() || !Kernels.vectorAvailable()) {
            return runs;
        }
        int n = gapSize(plan.sizes());
        int total = precisions.size() * plan.threads().size(), index = 0;
        for (Precision p : precisions) {
            for (int threads : plan.threads()) {
                String label = "round by round " + p + " n=" + n + " t=" + threads;
                listener.gapStarted(++index, total, label);
                long t0 = System.nanoTime();
                GemmGap gap;
                try {
                    // in a JVM of its own: this one loaded OpenBLAS before OPENBLAS_CORETYPE could be set (GapJvm)
                    gap = GapJvm.measure(p, n, threads, rounds, GAP_SLICE_MILLIS, GAP_WARMUP_ROUNDS);
                } catch (IllegalStateException e) {
                    throw new CalibrationFailedException(label + " failed: " + e.getMessage(), e);
                }
                GapRun run = GapRun.of(gap, GAP_SLICE_MILLIS);
                runs.computeIfAbsent(p, x -> new ArrayList<>()).add(run);
                listener.gapFinished(index, total, gap, (System.nanoTime() - t0) / 1e9);
            }
        }
        return runs;
    }

    /** The size of the round-by-round comparisons: the largest planned size up to 1024, else the smallest. */
    static int gapSize(List<Integer> sizes) {
        return sizes.stream().filter(s -> s <= 1024).max(Integer::compare)
                .orElseGet(() -> sizes.stream().min(Integer::compare).orElseThrow());
    }

    /** The builder's inputs for a detected host, with the JVM's computation path for each planned precision. */
    static CpuProfileBuilder.Inputs inputs(String id, Host host, Optional<Microarchitecture> uarch,
                                           Map<Precision, Double> nominal, CalibrationPlan plan, NativeBlasInfo nativeInfo,
                                           List<String> notes, Provenance provenance) {
        Map<Precision, String> paths = new EnumMap<>(Precision.class);
        try (Gemm gemm = Kernels.gemm(1)) {
            for (Precision p : plan.precisions()) {
                paths.put(p, gemm.path(p));
            }
        }
        return hostInputs(id, host, uarch, nominal, paths, nativeInfo, notes, provenance);
    }

    /** The builder's inputs describing a detected host: device, clocks, per-cycle rates and cache sizes. */
    static CpuProfileBuilder.Inputs hostInputs(String id, Host host, Optional<Microarchitecture> uarch,
                                               Map<Precision, Double> nominal, Map<Precision, String> paths,
                                               NativeBlasInfo nativeInfo, List<String> notes, Provenance provenance) {
        Cpu cpu = host.cpu();
        return new CpuProfileBuilder.Inputs(id, Devices.of(host, uarch), cpu.reportedClockHz(), cpu.maxClockHz(),
                cpu.physicalCores(), NominalPeaks.rates(cpu, uarch), nominal, paths, cpu.dataCacheBytes(1).orElse(0L),
                cpu.dataCacheBytes(2).orElse(0L), cpu.dataCacheBytes(3).orElse(0L), nativeInfo, notes, provenance);
    }

    private static String usedCore(Calibrator.Outcome outcome, NativeReference n) {
        return outcome.steps().stream().map(StepResult::note).filter(s -> s != null && s.startsWith("native BLAS:"))
                .findFirst().map(s -> s.replaceAll(".*, core ([^,]+),.*", "$1")).orElse(
                        n.coreType().equals("none") ? n.detectedCore() : n.coreType());
    }

    static Map<String, Object> planMap(CalibrationPlan plan, Request request) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precisions", plan.precisions().stream().map(Precision::id).toList());
        m.put("sizes", plan.sizes());
        if (!plan.belowTopSizes().equals(plan.sizes())) {
            m.put("sizesBelowTopThreads", plan.belowTopSizes());
        }
        m.put("threads", plan.threads());
        int top = plan.threads().get(plan.threads().size() - 1);
        m.put("workingSetBytes", plan.bandwidth(top).stream().map(CalibrationPlan.BandwidthSet::workingSetBytes).toList());
        Map<String, Long> levels = new LinkedHashMap<>();
        plan.bandwidth(top).stream().filter(b -> !b.level().equals(CalibrationPlan.BandwidthSet.SWEEP))
                .forEach(b -> levels.put(b.level(), b.workingSetBytes()));
        m.put("bandwidthLevels", levels);
        m.put("bandwidthKernels", (switch (plan.mode()) {
            case FULL -> "read, write, copy and triad at each level's working set in every JVM, the triad alone at the"
                    + " sweep's sets";
            case DEFAULT, QUICK -> "the triad at each level's working set";
        }) + "; each thread on a CPU of its own where the OS allows, sweeping its own arrays "
                + "(off-heap, on cache lines) many times per call");
        m.put("bandwidthReference", plan.likwid() == null ? null : plan.likwid().describe() + "; runs of about "
                + LikwidBench.seconds(plan.mode()) + " s after each JVM's bandwidth steps, at the same sets and threads");
        m.put("caches", plan.caches());
        blocking(plan.caches(), plan.precisions()).ifPresent(b -> m.put("blocking", b));
        m.put("jvms", "one per group of steps, JMH running without forking in it (" + plan.groups().size()
                + " planned for " + plan.steps().size() + " steps): the sizes of one GEMM precision and thread count,"
                + " the FMA probes of one thread count, the bandwidth working sets of one thread count, and each native"
                + " reference; in " + plan.mode().jvms() + " passes over the plan, later passes measuring GEMM at n = "
                + plan.replicatedSizes() + (plan.mode().refineUntilSeconds() > 0 ? ", then more JVMs for the precisions"
                + " whose achieved figure was least certain, until " + plan.mode().refineUntilSeconds()
                + " s of measuring" : ""));
        m.put("warmup", plan.mode().warmupIterations() + " x " + plan.mode().warmupMillis() + " ms (a JVM's first step: "
                + Mode.FIRST_WARMUP_ITERATIONS + " x " + Mode.FIRST_WARMUP_MILLIS + " ms)");
        m.put("jitWarmup", "JVM GEMM, FMA and bandwidth harnesses, before JMH's warm-up: calls until "
                + JitSteadyState.WINDOWS + " windows of at least " + JitSteadyState.WINDOW_MILLIS
                + " ms saw no JIT compilation and rates within " + Math.round(JitSteadyState.TOLERANCE * 100)
                + "% of each other, GEMM for at least " + JitSteadyState.GEMM_MIN_MILLIS
                + " ms from the JVM's first (checked) product of its precision and thread count, at most "
                + JitSteadyState.LIMIT_MILLIS + " ms");
        m.put("measurement", plan.mode().measurementIterations() + " x " + plan.mode().measurementMillis() + " ms");
        if (plan.mode().gapRounds() > 0 && plan.precisions().stream()
                .anyMatch(p -> p == Precision.FP32 || p == Precision.FP64)) {
            m.put("gap", "after the JMH steps, in the calibrating JVM: fp32 and fp64 GEMM (as planned) at n = "
                    + gapSize(plan.sizes()) + " on each planned thread count, the FMA probe, the micro-kernel, the GEMM"
                    + " and native BLAS taking turns, " + plan.mode().gapRounds() + " rounds of " + GAP_SLICE_MILLIS
                    + " ms slices after " + GAP_WARMUP_ROUNDS + " warm-up rounds; precisions.*.gap");
        }
        m.put("nativeCoreType", plan.nativeCoreType());
        m.put("command", request.command());
        return m;
    }

    /**
     * The cache blocking the GEMM harnesses derive from {@code caches} ("L1dBytes/L2Bytes"), per engine: recorded
     * because the rule that derives it belongs to the code, which may change between profiles of the same machine.
     * Empty without the Vector API kernels, which are the only ones blocked.
     */
    static Optional<Map<String, String>> blocking(String caches, List<Precision> precisions) {
        if (!Kernels.vectorAvailable() || caches == null) {
            return Optional.empty();
        }
        String[] parts = caches.split("/");
        long l1 = Long.parseLong(parts[0].trim()), l2 = Long.parseLong(parts[1].trim());
        Map<String, String> m = new LinkedHashMap<>();
        for (Precision p : precisions) {
            m.put(p.id(), VectorGemm.forCaches(p, l1, l2).toString());
        }
        return Optional.of(m);
    }

    private static Map<String, Double> load(Calibrator.Outcome outcome, Host host) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("loadAverageBefore", nanToNull(outcome.loadBefore()));
        m.put("loadAverageAfter", nanToNull(outcome.loadAfter()));
        int logical = Math.max(1, host.cpu().logicalCores());
        double worst = 0;
        for (StepResult s : outcome.steps()) {
            int threads = Integer.parseInt(s.step().params().getOrDefault("threads", "1"));
            worst = Math.max(worst, s.busy() - (double) threads / logical);
        }
        m.put("maxOtherBusy", Math.max(0, worst));
        m.put("stealShare", outcome.steal());
        m.put("maxStepSteal", outcome.steps().stream().mapToDouble(StepResult::steal).max().orElse(0));
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }

    /**
     * A note when the hypervisor took a noticeable share of the CPU in some step: those steps' rates are low and
     * noisy for reasons outside the guest. A run in {@code mode} other than full also suggests the full mode, whose
     * longer measurements in more JVMs dilute a noisy minute.
     */
    static Optional<String> stealNote(Calibrator.Outcome outcome, Mode mode) {
        List<StepResult> stolen = outcome.steps().stream().filter(StepResult::noticeableSteal).toList();
        if (stolen.isEmpty()) {
            return Optional.empty();
        }
        StepResult worst = stolen.stream().max(Comparator.comparingDouble(StepResult::steal)).orElseThrow();
        return Optional.of(String.format(Locale.ROOT, "The hypervisor took %.1f%% of the CPU time during"
                + " this run (steal time), at least %.0f%% in %d of %d steps and %.0f%% in '%s': rates measured then"
                + " are lower and noisier than the hardware's; re-run on a quieter machine%s.",
                100 * outcome.steal(), 100 * StepResult.NOTICEABLE_STEAL, stolen.size(), outcome.steps().size(),
                100 * worst.steal(), worst.step().displayLabel(), mode == Mode.FULL ? "" : " or use --full"));
    }

    private static Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
