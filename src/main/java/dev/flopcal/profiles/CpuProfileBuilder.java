package dev.flopcal.profiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.fitting.FitResult;
import dev.flopcal.fitting.Observation;
import dev.flopcal.fitting.Replicates;
import dev.flopcal.fitting.SizeModel;
import dev.flopcal.fitting.SizeModels;
import dev.flopcal.fitting.Usl;
import dev.flopcal.hardware.PerCycleRate;
import dev.flopcal.kernels.GemmOperands;
import dev.flopcal.measurement.JmhRecord;
import dev.flopcal.profiles.Measurements.Point;

/**
 * Builds a CPU profile from raw JMH results and the inputs that do not come from them (the device, its clocks and
 * per-cycle rates). It is a pure function: {@code verify} rebuilds a profile from its own inputs and raw results and
 * requires every number to come out the same.
 *
 * <p>Definitions:
 * <ul>
 *   <li>a shape's rate: each JVM that measured it contributes the median of its iterations; the rate is their mean,
 *       and its interval the one a rerun falls in, from the variance between JVMs pooled over the kernels at the
 *       same thread count ({@link Replicates});</li>
 *   <li>size curves: per thread count, the size model with the lowest AICc among those whose residuals are not
 *       systematic ({@link SizeModels}), fitted to every JVM's rate; its {@code sustained} value is the curve at the
 *       largest size measured;</li>
 *   <li>achieved: at the largest thread count, the mean over the JVMs of each JVM's mean rate over the sizes where
 *       the chosen curve is within {@value #PLATEAU_PERCENT}% of its sustained value (measured in every JVM), with
 *       the interval a rerun falls in ({@code achievedCi95}): the sustained rate, not the best sample;</li>
 *   <li>nominal: cores × clock × operations per cycle, with cores = min(largest thread count, physical cores), and
 *       its kind ({@link NominalKind});</li>
 *   <li>clock: the maximum clock the OS reports; where it reports none (hypervisors hide it) or the measured fp32
 *       FMA ceiling exceeds what it implies by more than 5%, the effective clock inferred from that ceiling, with
 *       a note saying so; otherwise the clock the OS reports, with a note that boost may exceed it;</li>
 *   <li>utilization: achieved / nominal; and achieved / the measured FMA ceiling of the arithmetic the kernel
 *       runs (fp64 FMA for fp64, fp32 FMA for the others) at the same thread count, their intervals combined.</li>
 * </ul>
 */
public final class CpuProfileBuilder {
    /** Relative within-JVM error (JMH's 99.9% half-width) above which a sample is noisy and its fit low-confidence. */
    public static final double NOISE_THRESHOLD = 0.05;
    /** How far the FMA ceiling may exceed the reported maximum clock's nominal before the clock is re-inferred. */
    static final double CLOCK_TOLERANCE = 1.05;
    /** How close to its sustained value the size curve must be for a size to count towards the achieved figure. */
    static final int PLATEAU_PERCENT = 5;
    /** Degrees of freedom a thread count's own pool needs before its figures use it rather than the pool of all. */
    static final int MIN_POOLED_DOF = 4;

    private CpuProfileBuilder() {
    }

    /**
     * What a profile is built from besides the raw results.
     *
     * @param id               profile id
     * @param device           the device (its clock is replaced by the one the builder derives)
     * @param reportedClockHz  clock the OS reports, NaN if none
     * @param maxClockHz       maximum clock the OS reports, NaN if hidden
     * @param physicalCores    physical cores of the machine
     * @param rates            operations per cycle per core by precision (may be empty: nominal unknown)
     * @param nominalOverrides datasheet peaks by precision that replace the computed nominal ({@code --nominal})
     * @param paths            how the JVM computes each precision
     * @param l1Bytes          L1 data cache per core (for the roofline's levels), 0 if unknown
     * @param l2Bytes          L2 per core, 0 if unknown
     * @param l3Bytes          last-level cache, 0 if unknown
     * @param nativeBlas       the native reference library, or null
     * @param notes            notes to carry over (from detection)
     * @param provenance       provenance to record
     */
    public record Inputs(String id, Device device, double reportedClockHz, double maxClockHz, int physicalCores,
                         Map<Precision, PerCycleRate> rates, Map<Precision, Double> nominalOverrides,
                         Map<Precision, String> paths, long l1Bytes, long l2Bytes, long l3Bytes,
                         NativeBlasInfo nativeBlas, List<String> notes, Provenance provenance) {
        public Inputs {
            rates = Map.copyOf(rates);
            nominalOverrides = Map.copyOf(nominalOverrides);
            paths = Map.copyOf(paths);
            notes = List.copyOf(notes);
        }
    }

    /** Builds the profile. */
    public static Profile build(Inputs in, List<JmhRecord> records) {
        Measurements m = Measurements.of(in.provenance() == null || in.provenance().rawResults() == null ? "JMH results"
                : in.provenance().rawResults(), records);
        List<String> notes = new ArrayList<>(in.notes());
        int maxThreads = Math.max(1, m.maxThreads());
        int cores = Math.min(maxThreads, Math.max(1, in.physicalCores()));
        Map<Integer, Replicates.Pooled> pooled = pooledByThreads(m);

        ClockChoice clock = clock(in, m, pooled, notes);
        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>();
        Map<String, List<String>> estimatedBySource = new LinkedHashMap<>();
        for (Precision p : Precision.values()) {
            List<Point> samples = m.gemm().get(p);
            if (samples == null || samples.isEmpty()) {
                continue;
            }
            precisions.put(p.id(), precision(p, samples, m, in, clock, cores, pooled, estimatedBySource));
        }
        notes.addAll(estimatedNotes(estimatedBySource));
        if (pooled.values().stream().noneMatch(Replicates.Pooled::known)) {
            notes.add("Every figure comes from one JVM: its interval rests on the spread within that JVM and leaves out"
                    + " the variance between JVMs, which a rerun sees (calibrations measure each group in at least two"
                    + " JVMs).");
        }
        notes.addAll(setAsideNote(m));
        Ceilings ceilings = ceilings(m, in, clock.clock(), precisions, pooled);
        Roofline roofline = roofline(m, in, pooled);
        Device device = withClock(in.device(), clock.clock());
        return new Profile(Profile.SCHEMA_VERSION, in.id(), device, precisions, ceilings, roofline, in.nativeBlas(),
                List.copyOf(new LinkedHashSet<>(notes)), in.provenance());
    }

    /**
     * A copy of a built profile with round-by-round comparisons ({@link GapRun}) added to their precisions, each with
     * its ratios computed from its per-round rates. Precisions the profile has no entry for are left out.
     */
    public static Profile withGap(Profile profile, Map<Precision, List<GapRun>> runs) {
        if (runs.isEmpty()) {
            return profile;
        }
        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>(profile.precisions());
        runs.forEach((p, list) -> precisions.computeIfPresent(p.id(),
                (k, e) -> e.withGap(list.stream().map(GapRun::recomputed).toList())));
        return new Profile(profile.schemaVersion(), profile.id(), profile.device(), precisions, profile.ceilings(),
                profile.roofline(), profile.nativeBlas(), profile.notes(), profile.provenance());
    }

    /**
     * A native bandwidth reference for one kernel at one memory level of a profile's roofline.
     *
     * @param level     "L1", "L2", "L3" or "DRAM"
     * @param kernel    "read", "write", "copy" or "triad"
     * @param reference its runs (its {@code bytesPerSecond} is recomputed from them)
     */
    public record BandwidthReference(String level, String kernel, Roofline.NativeBandwidth reference) {
    }

    /**
     * A copy of a built profile with native bandwidth references added to the kernels of its memory levels, each with
     * its figure combined from its runs (their mean, with the interval a rerun falls in from the spread between runs
     * pooled over every reference of the profile measured more than once) and the JVM figure's ratio to it. References
     * for a level or kernel the roofline has no figure of, or at other threads than the roofline's, are left out.
     */
    public static Profile withBandwidthReference(Profile profile, List<BandwidthReference> all) {
        Roofline roofline = profile.roofline();
        if (all.isEmpty() || roofline == null || roofline.memory() == null) {
            return profile;
        }
        List<BandwidthReference> references = all.stream()
                .filter(r -> r.reference().threads() == roofline.threads()).toList();
        Replicates.Pooled pooled = Replicates.Pooled.of(references.stream().map(r -> r.reference().runs())
                .filter(runs -> runs.size() > 1).map(runs -> runs.stream().mapToDouble(Double::doubleValue).toArray())
                .toList());
        List<Roofline.MemoryLevel> memory = new ArrayList<>();
        for (Roofline.MemoryLevel level : roofline.memory()) {
            if (level.kernels() == null) {
                memory.add(level);
                continue;
            }
            memory.add(level.withKernels(level.kernels().stream().map(k -> references.stream()
                    .filter(r -> r.level().equals(level.level()) && r.kernel().equals(k.kernel())).findFirst()
                    .map(r -> withReference(k, r.reference(), pooled)).orElse(k)).toList()));
        }
        return new Profile(profile.schemaVersion(), profile.id(), profile.device(), profile.precisions(),
                profile.ceilings(), roofline.withMemory(memory), profile.nativeBlas(), profile.notes(),
                profile.provenance());
    }

    private static Roofline.KernelBandwidth withReference(Roofline.KernelBandwidth k, Roofline.NativeBandwidth ref,
                                                          Replicates.Pooled pooled) {
        double[] runs = ref.runs().stream().mapToDouble(Double::doubleValue).toArray();
        double[] within = new double[runs.length];
        java.util.Arrays.fill(within, Double.NaN);
        Quantity reference = quantity(Replicates.combine(runs, within, pooled), "bytes/s");
        return new Roofline.KernelBandwidth(k.kernel(), k.workingSetBytes(), k.bytesPerSecond(), k.jvms(),
                ref.withBytesPerSecond(reference), ratio(k.bytesPerSecond(), reference));
    }

    /**
     * a / b: standard error from the two relative standard errors in quadrature; the interval from the two intervals'
     * half-widths on the log scale (both are symmetric there), unknown when either is.
     */
    static Quantity ratio(Quantity a, Quantity b) {
        double r = a.valueOrNaN() / b.valueOrNaN();
        double aRel = a.standardErrorOrNaN() / a.valueOrNaN(), bRel = b.standardErrorOrNaN() / b.valueOrNaN();
        double half = Math.hypot(Math.log(a.high() / a.valueOrNaN()), Math.log(b.high() / b.valueOrNaN()));
        return Quantity.of(r, r * Math.hypot(aRel, bRel), r * Math.exp(-half), r * Math.exp(half), "1");
    }

    /**
     * The variance between JVMs per thread count, pooled over every GEMM kernel and FMA probe measured at it (their
     * JVMs share the machine's state: its clock, its other load), each shape measured by more than one JVM being one
     * series. A thread count with fewer than {@value #MIN_POOLED_DOF} degrees of freedom of its own (a default
     * calibration measures GEMM twice at the largest thread count only) takes the pool of every thread count.
     */
    static Map<Integer, Replicates.Pooled> pooledByThreads(Measurements m) {
        Map<Integer, List<double[]>> series = new TreeMap<>();
        m.gemm().values().forEach(pts -> pts.forEach(pt -> add(series, pt)));
        m.fma().values().forEach(pts -> pts.forEach(pt -> add(series, pt)));
        Replicates.Pooled all = Replicates.Pooled.of(series.values().stream().flatMap(List::stream).toList());
        Map<Integer, Replicates.Pooled> out = new TreeMap<>();
        series.forEach((t, list) -> {
            Replicates.Pooled own = Replicates.Pooled.of(list);
            out.put(t, own.dof() >= MIN_POOLED_DOF ? own : all);
        });
        return out;
    }

    private static void add(Map<Integer, List<double[]>> series, Point pt) {
        List<double[]> list = series.computeIfAbsent(pt.threads(), k -> new ArrayList<>());
        if (pt.jvms().size() > 1) {
            list.add(pt.rates());
        }
    }

    private static Replicates.Pooled pooled(Map<Integer, Replicates.Pooled> pooled, int threads) {
        return pooled.getOrDefault(threads, new Replicates.Pooled(Double.NaN, 0));
    }

    /** A point's rate over its JVMs. */
    static Replicates.Combined combined(Point pt, Replicates.Pooled pooled) {
        return Replicates.combine(pt.rates(), pt.errors(), pooled);
    }

    /** One note naming every JVM figure set aside as disturbed, with the figures that count; empty for none. */
    static List<String> setAsideNote(Measurements m) {
        List<String> each = new ArrayList<>();
        m.gemm().forEach((p, pts) -> pts.forEach(pt -> describe(each, p.id() + " GEMM n=" + pt.n(), pt, p.rateUnit())));
        m.fma().forEach((p, pts) -> pts.forEach(pt -> describe(each, p.id() + " FMA ceiling", pt, "FLOP/s")));
        m.bandwidth().forEach(b -> describe(each, b.kernel() + " bandwidth " + b.point().workingSet() + " B", b.point(),
                "B/s"));
        if (each.isEmpty()) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT, "%d JVM figure%s set aside as disturbed (each more than %.0f × √2"
                + " robust spreads between JVMs below another JVM of its shape; on a shared machine a disturbance only"
                + " slows a kernel down; the raw results keep them): %s.", each.size(), each.size() == 1 ? " was" : "s were",
                Replicates.DISTURBED_SDS, String.join("; ", each.subList(0, Math.min(each.size(), NOTE_SET_ASIDE)))
                        + (each.size() > NOTE_SET_ASIDE ? "; and " + (each.size() - NOTE_SET_ASIDE)
                                + " more (each sample's setAside)" : "")));
    }

    /** How many set-aside figures the note names one by one. */
    static final int NOTE_SET_ASIDE = 5;

    private static void describe(List<String> out, String what, Point pt, String unit) {
        for (Measurements.Jvm j : pt.setAside()) {
            out.add(String.format(Locale.ROOT, "%s t=%d: %.4g against %s %s", what, pt.threads(), j.rate(),
                    String.join(", ", pt.jvms().stream().map(k -> String.format(Locale.ROOT, "%.4g", k.rate())).toList()),
                    unit));
        }
    }

    /** The clock nominal figures use, and whether it was derived from the measured fp32 FMA ceiling. */
    record ClockChoice(Device.Clock clock, boolean ceilingDerived) {
    }

    private static ClockChoice clock(Inputs in, Measurements m, Map<Integer, Replicates.Pooled> pooled,
                                     List<String> notes) {
        Double reported = finite(in.reportedClockHz());
        Double max = finite(in.maxClockHz());
        PerCycleRate fp32 = in.rates().get(Precision.FP32);
        Double effective = null;
        List<Point> fma = m.fma().get(Precision.FP32);
        if (fp32 != null && fma != null && !fma.isEmpty()) {
            Point top = fma.get(fma.size() - 1);
            int c = Math.min(top.threads(), Math.max(1, in.physicalCores()));
            effective = top.score() / (c * fp32.perCycle());
        }
        if (max != null) {
            if (effective != null && effective > CLOCK_TOLERANCE * max) {
                notes.add(String.format(Locale.ROOT, "The measured fp32 FMA ceiling implies %.3f GHz, %.0f%% above the"
                        + " maximum clock the OS reports (%.3f GHz); nominal figures use the effective clock so that no"
                        + " utilization exceeds 1.", effective / 1e9, 100 * (effective / max - 1), max / 1e9));
                return new ClockChoice(new Device.Clock(reported, max, effective, effective,
                        "effective clock inferred from the measured fp32 FMA ceiling (above the reported maximum)"), true);
            }
            return new ClockChoice(new Device.Clock(reported, max, effective, max, "maximum clock reported by the OS"),
                    false);
        }
        if (effective != null && (reported == null || effective > reported)) {
            notes.add(String.format(Locale.ROOT, "The OS does not report the maximum clock (common under hypervisors)%s;"
                    + " nominal figures use %.3f GHz, the effective clock inferred from the measured fp32 FMA ceiling"
                    + " (%d-thread ceiling ÷ (cores × %s FLOP/cycle)), so fp32's nominal is that ceiling (nominalKind"
                    + " ceiling-derived).",
                    reported == null ? "" : String.format(Locale.ROOT, " and reports %.3f GHz", reported / 1e9),
                    effective / 1e9, fma.get(fma.size() - 1).threads(), trim(fp32.perCycle())));
            return new ClockChoice(new Device.Clock(reported, null, effective, effective,
                    "effective, inferred from the measured fp32 FMA ceiling; the OS hides the maximum clock"), true);
        }
        if (reported != null) {
            notes.add(String.format(Locale.ROOT, "The OS does not report the maximum clock; nominal figures use the"
                    + " %.3f GHz it reports, which boost may exceed.", reported / 1e9));
            return new ClockChoice(new Device.Clock(reported, null, effective, reported,
                    "clock reported by the OS (maximum not reported)"), false);
        }
        notes.add("No clock is known: nominal figures are absent unless given with --nominal.");
        return new ClockChoice(new Device.Clock(null, null, effective, Double.NaN, "unknown"), false);
    }

    private static PrecisionProfile precision(Precision p, List<Point> samples, Measurements m, Inputs in,
                                              ClockChoice clock, int cores, Map<Integer, Replicates.Pooled> pooled,
                                              Map<String, List<String>> estimatedBySource) {
        int top = samples.stream().mapToInt(Point::threads).max().orElse(1);
        Map<Integer, SizeCurve> curves = sizeCurves(samples, pooled);
        List<Point> atTop = samples.stream().filter(s -> s.threads() == top).toList();
        Achieved achieved = achieved(atTop, curves.get(top), pooled(pooled, top));

        Double nominal = null;
        String basis = null, source = null;
        Boolean estimated = null;
        Double perCycle = null;
        NominalKind kind = null;
        if (in.nominalOverrides().containsKey(p)) {
            nominal = in.nominalOverrides().get(p);
            basis = String.format(Locale.ROOT, "%.4g %s supplied with --nominal", nominal, p.rateUnit());
            source = "user (--nominal)";
            estimated = false;
            kind = NominalKind.USER;
        } else if (in.rates().containsKey(p) && clock.clock().usedHz() > 0) {
            PerCycleRate r = in.rates().get(p);
            var peak = r.at(cores, clock.clock().usedHz(), clock.clock().basis());
            nominal = peak.flops();
            basis = peak.basis();
            source = peak.source();
            estimated = peak.estimated();
            perCycle = r.perCycle();
            kind = clock.ceilingDerived() ? NominalKind.CEILING_DERIVED : NominalKind.TABLE;
            if (r.estimated()) {
                estimatedBySource.computeIfAbsent(r.source(), k -> new ArrayList<>())
                        .add(p + " (" + r.instruction() + ")");
            }
        }
        Replicates.Combined a = achieved.combined();
        double half = (a.high() - a.low()) / 2;
        Double utilization = nominal == null ? null : a.value() / nominal;
        Double utilizationError = nominal == null || !Double.isFinite(half) ? null : half / nominal;
        Replicates.Pooled pooledTop = pooled(pooled, top);
        List<Sample> out = samples.stream().map(s -> sample(s, pooled(pooled, s.threads()))).toList();
        List<Point> nat = m.nativeGemm().get(p);
        List<Sample> natOut = nat == null ? null
                : nat.stream().map(s -> sample(s, pooled(pooled, s.threads()))).toList();

        List<PrecisionFits.CurveFit> sizeCurves = curves.values().stream().map(SizeCurve::fit).toList();
        PrecisionFits fits = new PrecisionFits(sizeCurves, threadScaling(samples),
                utilization(p, a, top, nominal, m, pooledTop));
        return new PrecisionProfile(nominal, basis, source, estimated, perCycle, a.value(), finite(half),
                new PrecisionProfile.At(achieved.sizes().get(achieved.sizes().size() - 1), top), utilization,
                utilizationError, FigureStatus.MEASURED, in.paths().get(p), out, natOut, fits, null, null, kind,
                Double.isFinite(a.low()) ? List.of(a.low(), a.high()) : null, achieved.sizes());
    }

    private static Sample sample(Point s, Replicates.Pooled pooled) {
        Replicates.Combined c = combined(s, pooled);
        return new Sample(s.n(), s.threads(), c.value(), finite((c.high() - c.low()) / 2), s.jvms().size(),
                s.setAside().isEmpty() ? null : s.setAside().size());
    }

    /** The achieved figure and the sizes it averages. */
    record Achieved(Replicates.Combined combined, List<Integer> sizes) {
    }

    /**
     * The mean over JVMs of each JVM's mean rate over the plateau sizes: those the chosen curve puts within
     * {@value #PLATEAU_PERCENT}% of its value at the largest size, among the sizes every JVM of the series measured
     * (all of them, or the largest alone, when the curve could not be fitted).
     */
    static Achieved achieved(List<Point> atTop, SizeCurve curve, Replicates.Pooled pooled) {
        int jvms = atTop.stream().mapToInt(pt -> pt.jvms().size()).max().orElse(1);
        List<Point> replicated = atTop.stream().filter(pt -> pt.jvms().size() == jvms).toList();
        int nMax = atTop.get(atTop.size() - 1).n();
        List<Point> plateau;
        FitResult f = curve.selection().fit();
        if (f.hasValues()) {
            double sustained = f.predict(nMax).valueOrNaN();
            plateau = replicated.stream()
                    .filter(pt -> f.predict(pt.n()).valueOrNaN() >= (1 - PLATEAU_PERCENT / 100.0) * sustained).toList();
        } else {
            plateau = List.of();
        }
        if (plateau.isEmpty()) {
            plateau = List.of(replicated.get(replicated.size() - 1));
        }
        double[] perJvm = new double[jvms];
        double[] within = new double[jvms];
        for (int j = 0; j < jvms; j++) {
            double sum = 0, var = 0;
            for (Point pt : plateau) {
                Measurements.Jvm jvm = pt.jvms().get(j);
                sum += jvm.rate();
                var += jvm.error() * jvm.error();
            }
            perJvm[j] = sum / plateau.size();
            within[j] = Math.sqrt(var) / plateau.size();
        }
        return new Achieved(Replicates.combine(perJvm, within, pooled), plateau.stream().map(Point::n).toList());
    }

    /** A size curve with the selection behind it. */
    record SizeCurve(PrecisionFits.CurveFit fit, SizeModels.Selection selection) {
    }

    private static Map<Integer, SizeCurve> sizeCurves(List<Point> samples, Map<Integer, Replicates.Pooled> pooled) {
        Map<Integer, SizeCurve> out = new TreeMap<>();
        for (int t : new TreeSet<>(samples.stream().map(Point::threads).toList())) {
            List<Point> pts = samples.stream().filter(s -> s.threads() == t).toList();
            Replicates.Pooled between = pooled(pooled, t);
            List<Observation> obs = Measurements.observations(pts, Point::n,
                    between.known() ? between.relativeSd() : Double.NaN);
            SizeModels.Selection sel = SizeModels.select(obs);
            SizeModel chosen = sel.chosen().model();
            PrecisionFits.CurveFit base = curve(chosen.id(), chosen.formula(), t, null, sel.fit(), obs, pts,
                    chosen.units());
            int nMax = pts.get(pts.size() - 1).n();
            Quantity sustained = sel.fit().predict(nMax).withUnit("FLOP/s");
            Quantity rInf = base.parameters().get("rInf");
            Boolean extrapolated = sustained.value() == null || rInf == null || rInf.value() == null ? null
                    : rInf.value() - sustained.value() > (rInf.hasInterval() ? rInf.halfWidth() : 0);
            List<PrecisionFits.Candidate> candidates = sel.candidates().stream().map(c -> new PrecisionFits.Candidate(
                    c.model().id(), c.model().formula(), Quantity.nullIfNaN(c.aicc()),
                    parameters(c.fit(), c.model().units()), c.runs(), Quantity.nullIfNaN(c.runsP()), c.systematic()))
                    .toList();
            List<String> why = new ArrayList<>();
            if (base.reason() != null) {
                why.add(base.reason());
            }
            if (sel.chosen().systematic()) {
                why.add("its residuals run in long stretches of one sign (the model misses the curve's shape)");
            }
            boolean low = base.lowConfidence() || sel.chosen().systematic();
            out.put(t, new SizeCurve(new PrecisionFits.CurveFit(base.model(), base.formula(), t, null, base.parameters(),
                    base.r2(), base.rms(), base.residuals(), base.points(), low, why.isEmpty() ? null
                    : String.join("; ", why), sustained, extrapolated, candidates, sel.reason()), sel));
        }
        return out;
    }

    private static PrecisionFits.CurveFit threadScaling(List<Point> samples) {
        TreeSet<Integer> threads = new TreeSet<>(samples.stream().map(Point::threads).toList());
        // the largest size measured at every thread count
        int n = samples.stream().map(Point::n).distinct().filter(size -> threads.stream()
                .allMatch(t -> samples.stream().anyMatch(s -> s.n() == size && s.threads() == t)))
                .max(Integer::compare).orElse(-1);
        if (n < 0) {
            return new PrecisionFits.CurveFit("usl", Usl.FORMULA, null, null, null, null, null, List.of(), 0, true,
                    "no size was measured at every thread count");
        }
        List<Point> pts = samples.stream().filter(s -> s.n() == n).toList();
        List<Observation> obs = Measurements.observations(pts, Point::threads);
        FitResult f = Usl.fit(obs);
        return curve("usl", Usl.FORMULA, null, n, f, obs, pts, List.of("FLOP/s", "1", "1"));
    }

    private static Map<String, Quantity> parameters(FitResult f, List<String> units) {
        Map<String, Quantity> params = new LinkedHashMap<>();
        for (int i = 0; i < f.names().size(); i++) {
            params.put(f.names().get(i), f.parameters().get(i).withUnit(units.get(i)));
        }
        return params;
    }

    private static PrecisionFits.CurveFit curve(String model, String formula, Integer threads, Integer n, FitResult f,
                                                List<Observation> obs, List<Point> pts, List<String> units) {
        List<PrecisionFits.Residual> residuals = new ArrayList<>();
        double[] fitted = f.fitted(), res = f.residuals();
        for (int i = 0; i < obs.size(); i++) {
            if (!Double.isNaN(fitted[i])) {
                residuals.add(new PrecisionFits.Residual(obs.get(i).x(), obs.get(i).y(), fitted[i], res[i]));
            }
        }
        List<String> why = new ArrayList<>();
        if (f.reason() != null) {
            why.add(f.reason());
        }
        long noisy = pts.stream().filter(p -> p.relativeError() > NOISE_THRESHOLD).count();
        if (noisy > 0) {
            Point worst = pts.stream().max(Comparator.comparingDouble(p -> Double.isNaN(p.relativeError()) ? 0
                    : p.relativeError())).orElseThrow();
            why.add(String.format(Locale.ROOT, "%d of %d samples have a relative error above %.0f%% within a JVM"
                    + " (worst %.1f%% at %s)", noisy, pts.size(), 100 * NOISE_THRESHOLD, 100 * worst.relativeError(),
                    n == null ? "n=" + worst.n() : "threads=" + worst.threads()));
        }
        if (f.hasValues() && f.r2() < 0.9 && f.dof() > 0) {
            why.add(String.format(Locale.ROOT, "the model explains little of the variation (R² = %.2f)", f.r2()));
        }
        boolean low = !why.isEmpty();
        return new PrecisionFits.CurveFit(model, formula, threads, n, parameters(f, units), Quantity.nullIfNaN(f.r2()),
                Quantity.nullIfNaN(f.rms()), residuals, obs.size(), low, low ? String.join("; ", why) : null);
    }

    private static PrecisionFits.Utilization utilization(Precision p, Replicates.Combined achieved, int threads,
                                                         Double nominal, Measurements m, Replicates.Pooled pooled) {
        Quantity ofNominal = nominal == null ? Quantity.unknown("1") : ratio(achieved, nominal, 0, 0);
        Precision arithmetic = p == Precision.FP64 ? Precision.FP64 : Precision.FP32;
        List<Point> fma = m.fma().get(arithmetic);
        Point ceiling = fma == null ? null : fma.stream().filter(f -> f.threads() == threads).findFirst().orElse(null);
        if (ceiling == null) {
            return new PrecisionFits.Utilization(ofNominal, Quantity.unknown("1"),
                    arithmetic + " FMA ceiling not measured at " + threads + " threads");
        }
        Replicates.Combined c = combined(ceiling, pooled);
        return new PrecisionFits.Utilization(ofNominal, ratio(achieved, c.value(), c.standardError() / c.value(),
                c.relativeHalfWidth()),
                String.format(Locale.ROOT, "measured %s FMA ceiling at %d thread%s (%.4g FLOP/s)", arithmetic,
                        ceiling.threads(), ceiling.threads() == 1 ? "" : "s", c.value()));
    }

    /**
     * a / b with a's interval, widened by b's relative uncertainty in quadrature (0 for an exact b): standard error
     * from the relative standard errors, the interval from the relative half-widths on the log scale.
     */
    private static Quantity ratio(Replicates.Combined a, double b, double bRelSe, double bRelHalf) {
        double r = a.value() / b;
        double aRelSe = a.standardError() / a.value();
        double se = r * Math.sqrt(aRelSe * aRelSe + bRelSe * bRelSe);
        double aLog = Math.log(a.high() / a.value());
        double bLog = Math.log1p(bRelHalf);
        double half = Math.sqrt(aLog * aLog + bLog * bLog);
        return Quantity.of(r, se, r * Math.exp(-half), r * Math.exp(half), "1");
    }

    /** One note per source of per-cycle figures that are inferred or marked 'check', naming the precisions once. */
    private static List<String> estimatedNotes(Map<String, List<String>> bySource) {
        List<String> notes = new ArrayList<>();
        bySource.forEach((source, precisions) -> notes.add((precisions.size() == 1 ? "The per-cycle figure of "
                + precisions.get(0) + " is" : "The per-cycle figures of " + String.join(", ", precisions) + " are")
                + " inferred or marked 'check' in their source table: " + source));
        return notes;
    }

    private static boolean recordsRate(PrecisionProfile entry) {
        return entry != null && entry.perCycle() != null;
    }

    /**
     * FMA ceilings and bandwidth samples. A ceiling records its per-cycle figure where no precision entry does (a
     * precision measured by the FMA probe but not by GEMM), so that verification can recompute its nominal.
     */
    private static Ceilings ceilings(Measurements m, Inputs in, Device.Clock clock,
                                     Map<String, PrecisionProfile> precisions, Map<Integer, Replicates.Pooled> pooled) {
        Map<String, List<Ceilings.FmaCeiling>> fma = new LinkedHashMap<>();
        m.fma().forEach((p, pts) -> {
            PerCycleRate r = in.rates().get(p);
            List<Ceilings.FmaCeiling> list = new ArrayList<>();
            for (Point pt : pts) {
                Replicates.Combined c = combined(pt, pooled(pooled, pt.threads()));
                Double nominal = r == null || !(clock.usedHz() > 0) ? null
                        : Math.min(pt.threads(), Math.max(1, in.physicalCores())) * clock.usedHz() * r.perCycle();
                list.add(new Ceilings.FmaCeiling(pt.threads(), c.value(), finite((c.high() - c.low()) / 2), nominal,
                        nominal == null ? null : c.value() / nominal,
                        nominal == null || recordsRate(precisions.get(p.id())) ? null : r.perCycle(),
                        Double.isFinite(c.low()) ? List.of(c.low(), c.high()) : null, pt.jvms().size()));
            }
            fma.put(p.id(), list);
        });
        Map<Integer, Replicates.Pooled> bwPooled = bandwidthPooled(m);
        boolean labelled = labelled(m);
        List<Ceilings.BandwidthSample> bw = m.bandwidth().stream().map(b -> {
            Point pt = b.point();
            Replicates.Combined c = combined(pt, pooled(bwPooled, pt.threads()));
            return new Ceilings.BandwidthSample(pt.workingSet(), pt.threads(), c.value(),
                    finite((c.high() - c.low()) / 2), pt.jvms().size(), labelled ? b.kernel() : null,
                    labelled ? b.level() : null);
        }).toList();
        return fma.isEmpty() && bw.isEmpty() ? null : new Ceilings(fma.isEmpty() ? null : fma, bw.isEmpty() ? null : bw);
    }

    /**
     * The variance between JVMs of the bandwidth measurements per thread count, pooled over their kernels and working
     * sets (quick and default calibrations measure read, write and copy in one JVM, the triad in two).
     */
    private static Map<Integer, Replicates.Pooled> bandwidthPooled(Measurements m) {
        Map<Integer, List<double[]>> series = new TreeMap<>();
        m.bandwidth().forEach(b -> add(series, b.point()));
        Map<Integer, Replicates.Pooled> out = new TreeMap<>();
        series.forEach((t, list) -> out.put(t, Replicates.Pooled.of(list)));
        return out;
    }

    /** Whether the raw results say which memory level each working set was chosen for (the harness's level). */
    private static boolean labelled(Measurements m) {
        return m.bandwidth().stream().anyMatch(b -> b.level() != null);
    }

    /**
     * Roofline at the largest thread count of the bandwidth measurements: FMA ceilings at that count, and one
     * bandwidth plateau per memory level, the triad's. Where the raw results name each working set's level (the plan
     * chose the sets inside the levels from the detected caches), a level's plateau is its triad sets, and every
     * kernel measured there is listed beside it. In older raw results (triad only), a working set belongs to L1 or L2
     * when each thread's share fits in that private cache, to L3 when the whole set fits in the last-level cache, and
     * to DRAM when it is at least twice the last-level cache; sets in between belong to no plateau. A plateau is the
     * mean over JVMs of each JVM's mean over the level's working sets.
     */
    private static Roofline roofline(Measurements m, Inputs in, Map<Integer, Replicates.Pooled> pooled) {
        if (m.bandwidth().isEmpty()) {
            return null;
        }
        int t = m.bandwidth().stream().mapToInt(b -> b.point().threads()).max().orElse(1);
        Map<String, Quantity> compute = new LinkedHashMap<>();
        m.fma().forEach((p, pts) -> pts.stream().filter(x -> x.threads() == t).findFirst().ifPresent(x -> {
            Replicates.Combined c = combined(x, pooled(pooled, t));
            compute.put(p.id(), quantity(c, "FLOP/s"));
        }));
        Replicates.Pooled bwPooled = pooled(bandwidthPooled(m), t);
        boolean labelled = labelled(m);
        Map<String, List<Measurements.BandwidthPoint>> levels = new LinkedHashMap<>();
        for (Measurements.BandwidthPoint b : m.bandwidth()) {
            if (b.point().threads() != t) {
                continue;
            }
            String level = labelled ? b.level() : b.kernel().equals("triad")
                    ? level(b.point().workingSet(), t, in.l1Bytes(), in.l2Bytes(), in.l3Bytes()) : null;
            if (level != null) {
                levels.computeIfAbsent(level, k -> new ArrayList<>()).add(b);
            }
        }
        List<Roofline.MemoryLevel> memory = new ArrayList<>();
        for (String level : List.of("L1", "L2", "L3", "DRAM")) {
            List<Measurements.BandwidthPoint> at = levels.getOrDefault(level, List.of());
            List<Point> triad = at.stream().filter(b -> b.kernel().equals("triad")).map(Measurements.BandwidthPoint::point)
                    .toList();
            if (triad.isEmpty()) {
                continue;
            }
            List<Roofline.KernelBandwidth> kernels = !labelled ? null : at.stream().map(b -> {
                Replicates.Combined c = combined(b.point(), bwPooled);
                return new Roofline.KernelBandwidth(b.kernel(), b.point().workingSet(), quantity(c, "bytes/s"),
                        b.point().jvms().size(), null, null);
            }).toList();
            memory.add(new Roofline.MemoryLevel(level, quantity(plateau(triad, bwPooled), "bytes/s"),
                    triad.stream().map(Point::workingSet).toList(), kernels));
        }
        Map<String, Double> ridge = new LinkedHashMap<>();
        memory.stream().filter(l -> l.level().equals("DRAM")).findFirst().ifPresent(dram ->
                compute.forEach((p, c) -> ridge.put(p, c.value() / dram.bytesPerSecond().value())));
        Map<String, List<Roofline.GemmPoint>> gemm = gemmPoints(m, in, t, compute, memory);
        return new Roofline(t, compute, memory, ridge.isEmpty() ? null : ridge, gemm.isEmpty() ? null : gemm);
    }

    /**
     * Each precision's GEMM rates at the roofline's thread count, placed at their arithmetic intensity under the lower
     * of two roofs: the FMA ceiling of the arithmetic the kernel runs (fp64 for fp64, fp32 for the others) and the
     * bandwidth plateau of the memory level the operands fit in ({@link #level}; a set between two levels takes the
     * outer one, and a level the sweep did not find the next one out that it did).
     */
    private static Map<String, List<Roofline.GemmPoint>> gemmPoints(Measurements m, Inputs in, int t,
            Map<String, Quantity> compute, List<Roofline.MemoryLevel> memory) {
        Map<String, List<Roofline.GemmPoint>> out = new LinkedHashMap<>();
        if (memory.isEmpty()) {
            return out;
        }
        List<String> order = List.of("L1", "L2", "L3", "DRAM");
        m.gemm().forEach((p, pts) -> {
            Precision arithmetic = p == Precision.FP64 ? Precision.FP64 : Precision.FP32;
            Quantity ceiling = compute.get(arithmetic.id());
            if (ceiling == null) {
                return;
            }
            List<Roofline.GemmPoint> points = new ArrayList<>();
            pts.stream().filter(pt -> pt.threads() == t).sorted(Comparator.comparingInt(Point::n)).forEach(pt -> {
                long bytes = GemmOperands.bytes(p, pt.n(), pt.n(), pt.n());
                double intensity = 2.0 * pt.n() * pt.n() * pt.n() / bytes;
                String fits = level(bytes, t, in.l1Bytes(), in.l2Bytes(), in.l3Bytes());
                int from = fits == null ? order.size() - 1 : order.indexOf(fits);
                Roofline.MemoryLevel roofLevel = memory.stream().filter(l -> order.indexOf(l.level()) >= from)
                        .findFirst().orElse(memory.get(memory.size() - 1));
                double memoryRoof = roofLevel.bytesPerSecond().value() * intensity;
                boolean computeBound = ceiling.value() <= memoryRoof;
                double roof = computeBound ? ceiling.value() : memoryRoof;
                points.add(new Roofline.GemmPoint(pt.n(), intensity, pt.score(), roofLevel.level(),
                        computeBound ? arithmetic.id() + " FMA" : roofLevel.level(), roof, pt.score() / roof));
            });
            if (!points.isEmpty()) {
                out.put(p.id(), points);
            }
        });
        return out;
    }

    /** The mean over JVMs of each JVM's mean over the points (the JVMs every point has), combined over the JVMs. */
    private static Replicates.Combined plateau(List<Point> pts, Replicates.Pooled pooled) {
        int jvms = pts.stream().mapToInt(pt -> pt.jvms().size()).min().orElse(1);
        double[] perJvm = new double[jvms], within = new double[jvms];
        for (int j = 0; j < jvms; j++) {
            double sum = 0, var = 0;
            for (Point pt : pts) {
                sum += pt.jvms().get(j).rate();
                var += pt.jvms().get(j).error() * pt.jvms().get(j).error();
            }
            perJvm[j] = sum / pts.size();
            within[j] = Math.sqrt(var) / pts.size();
        }
        return Replicates.combine(perJvm, within, pooled);
    }

    private static Quantity quantity(Replicates.Combined c, String unit) {
        return Quantity.of(c.value(), c.standardError(), c.low(), c.high(), unit);
    }

    static String level(long workingSet, int threads, long l1, long l2, long l3) {
        long share = workingSet / Math.max(1, threads);
        if (l1 > 0 && share <= l1) {
            return "L1";
        }
        if (l2 > 0 && share <= l2) {
            return "L2";
        }
        if (l3 > 0 && workingSet <= l3) {
            return "L3";
        }
        long outer = l3 > 0 ? l3 : l2 * threads;
        if (outer > 0 && workingSet >= 2 * outer) {
            return "DRAM";
        }
        return null;
    }

    private static Device withClock(Device d, Device.Clock clock) {
        Device.Clock c = Double.isNaN(clock.usedHz()) ? null : clock;
        return new Device(d.kind(), d.name(), d.vendor(), d.microarchitecture(), d.microarchitectureName(), d.cpuid(),
                d.cores(), d.threads(), d.packages(), c, d.caches(), d.simd(), d.flags(), d.memoryBytes(), d.os(),
                d.virtualized(), d.memoryGb(), d.memoryBandwidthGBps(), d.tdpW(), d.source());
    }

    private static Double finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
