package dev.flopcal.profiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.commons.math3.distribution.NormalDistribution;

import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.fitting.FitResult;
import dev.flopcal.fitting.Hockney;
import dev.flopcal.fitting.Observation;
import dev.flopcal.fitting.Usl;
import dev.flopcal.hardware.PerCycleRate;
import dev.flopcal.measurement.JmhRecord;
import dev.flopcal.profiles.Measurements.Point;

/**
 * Builds a CPU profile from raw JMH results and the inputs that do not come from them (the device, its clocks and
 * per-cycle rates). It is a pure function: {@code verify} rebuilds a profile from its own inputs and raw results and
 * requires every number to come out the same.
 *
 * <p>Definitions:
 * <ul>
 *   <li>achieved: the highest GEMM rate measured at the largest thread count;</li>
 *   <li>nominal: cores × clock × operations per cycle, with cores = min(largest thread count, physical cores);</li>
 *   <li>clock: the maximum clock the OS reports; where it reports none (hypervisors hide it) or the measured fp32
 *       FMA ceiling exceeds what it implies by more than 5%, the effective clock inferred from that ceiling, with
 *       a note saying so; otherwise the clock the OS reports, with a note that boost may exceed it;</li>
 *   <li>utilization: achieved / nominal; and achieved / the measured FMA ceiling of the arithmetic the kernel
 *       runs (fp64 FMA for fp64, fp32 FMA for the others) at the same thread count; 95% intervals propagate the
 *       JMH errors.</li>
 * </ul>
 */
public final class CpuProfileBuilder {
    /** Relative error above which a sample is noisy and its fit low-confidence. */
    public static final double NOISE_THRESHOLD = 0.05;
    /** How far the FMA ceiling may exceed the reported maximum clock's nominal before the clock is re-inferred. */
    static final double CLOCK_TOLERANCE = 1.05;
    private static final double Z95 = new NormalDistribution().inverseCumulativeProbability(0.975);

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

        Device.Clock clock = clock(in, m, notes);
        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>();
        for (Precision p : Precision.values()) {
            List<Point> samples = m.gemm().get(p);
            if (samples == null || samples.isEmpty()) {
                continue;
            }
            precisions.put(p.id(), precision(p, samples, m, in, clock, cores, notes));
        }
        Ceilings ceilings = ceilings(m, in, clock, precisions);
        Roofline roofline = roofline(m, in);
        Device device = withClock(in.device(), clock);
        return new Profile(Profile.SCHEMA_VERSION, in.id(), device, precisions, ceilings, roofline, in.nativeBlas(),
                List.copyOf(new java.util.LinkedHashSet<>(notes)), in.provenance());
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

    private static Device.Clock clock(Inputs in, Measurements m, List<String> notes) {
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
                notes.add(String.format("The measured fp32 FMA ceiling implies %.3f GHz, %.0f%% above the maximum clock the"
                        + " OS reports (%.3f GHz); nominal figures use the effective clock so that no utilization"
                        + " exceeds 1.", effective / 1e9, 100 * (effective / max - 1), max / 1e9));
                return new Device.Clock(reported, max, effective, effective,
                        "effective clock inferred from the measured fp32 FMA ceiling (above the reported maximum)");
            }
            return new Device.Clock(reported, max, effective, max, "maximum clock reported by the OS");
        }
        if (effective != null && (reported == null || effective > reported)) {
            notes.add(String.format("The OS does not report the maximum clock (common under hypervisors)%s; nominal"
                    + " figures use %.3f GHz, the effective clock inferred from the measured fp32 FMA ceiling"
                    + " (%d-thread ceiling ÷ (cores × %s FLOP/cycle)).",
                    reported == null ? "" : String.format(" and reports %.3f GHz", reported / 1e9), effective / 1e9,
                    fma.get(fma.size() - 1).threads(), trim(fp32.perCycle())));
            return new Device.Clock(reported, null, effective, effective,
                    "effective, inferred from the measured fp32 FMA ceiling; the OS hides the maximum clock");
        }
        if (reported != null) {
            notes.add(String.format("The OS does not report the maximum clock; nominal figures use the %.3f GHz it"
                    + " reports, which boost may exceed.", reported / 1e9));
            return new Device.Clock(reported, null, effective, reported, "clock reported by the OS (maximum not reported)");
        }
        notes.add("No clock is known: nominal figures are absent unless given with --nominal.");
        return new Device.Clock(null, null, effective, Double.NaN, "unknown");
    }

    private static PrecisionProfile precision(Precision p, List<Point> samples, Measurements m, Inputs in,
                                              Device.Clock clock, int cores, List<String> notes) {
        int top = samples.stream().mapToInt(Point::threads).max().orElse(1);
        Point best = samples.stream().filter(s -> s.threads() == top).max(java.util.Comparator.comparingDouble(Point::score))
                .orElseThrow();
        double achieved = best.score();
        Double achievedError = finite(best.error());

        Double nominal = null;
        String basis = null, source = null;
        Boolean estimated = null;
        Double perCycle = null;
        if (in.nominalOverrides().containsKey(p)) {
            nominal = in.nominalOverrides().get(p);
            basis = String.format("%.4g %s supplied with --nominal", nominal, p.rateUnit());
            source = "user (--nominal)";
            estimated = false;
        } else if (in.rates().containsKey(p) && clock.usedHz() > 0) {
            PerCycleRate r = in.rates().get(p);
            var peak = r.at(cores, clock.usedHz(), clock.basis());
            nominal = peak.flops();
            basis = peak.basis();
            source = peak.source();
            estimated = peak.estimated();
            perCycle = r.perCycle();
            if (r.estimated()) {
                notes.add("The " + p + " per-cycle figure (" + r.instruction() + ") is inferred or marked 'check' in its"
                        + " source table: " + r.source());
            }
        }
        Double utilization = nominal == null ? null : achieved / nominal;
        Double utilizationError = nominal == null || achievedError == null ? null : achievedError / nominal;
        List<Sample> out = samples.stream().map(s -> new Sample(s.n(), s.threads(), s.score(), finite(s.error()))).toList();
        List<Point> nat = m.nativeGemm().get(p);
        List<Sample> natOut = nat == null ? null
                : nat.stream().map(s -> new Sample(s.n(), s.threads(), s.score(), finite(s.error()))).toList();

        PrecisionFits fits = new PrecisionFits(sizeCurves(samples), threadScaling(samples),
                utilization(p, best, nominal, m));
        return new PrecisionProfile(nominal, basis, source, estimated, perCycle, achieved, achievedError,
                new PrecisionProfile.At(best.n(), best.threads()), utilization, utilizationError, FigureStatus.MEASURED,
                in.paths().get(p), out, natOut, fits, null);
    }

    private static List<PrecisionFits.CurveFit> sizeCurves(List<Point> samples) {
        List<PrecisionFits.CurveFit> out = new ArrayList<>();
        for (int t : new TreeSet<>(samples.stream().map(Point::threads).toList())) {
            List<Point> pts = samples.stream().filter(s -> s.threads() == t).toList();
            List<Observation> obs = Measurements.observations(pts, Point::n);
            FitResult f = Hockney.fit(obs);
            out.add(curve("hockney", Hockney.FORMULA, t, null, f, obs, pts, List.of("FLOP/s", "n")));
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

    private static PrecisionFits.CurveFit curve(String model, String formula, Integer threads, Integer n, FitResult f,
                                                List<Observation> obs, List<Point> pts, List<String> units) {
        Map<String, Quantity> params = new LinkedHashMap<>();
        for (int i = 0; i < f.names().size(); i++) {
            params.put(f.names().get(i), f.parameters().get(i).withUnit(units.get(i)));
        }
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
            Point worst = pts.stream().max(java.util.Comparator.comparingDouble(p -> Double.isNaN(p.relativeError()) ? 0
                    : p.relativeError())).orElseThrow();
            why.add(String.format("%d of %d samples have a relative error above %.0f%% (worst %.1f%% at %s)", noisy,
                    pts.size(), 100 * NOISE_THRESHOLD, 100 * worst.relativeError(),
                    n == null ? "n=" + worst.n() : "threads=" + worst.threads()));
        }
        if (f.hasValues() && f.r2() < 0.9 && f.dof() > 0) {
            why.add(String.format("the model explains little of the variation (R² = %.2f)", f.r2()));
        }
        boolean low = !why.isEmpty();
        return new PrecisionFits.CurveFit(model, formula, threads, n, params, Quantity.nullIfNaN(f.r2()),
                Quantity.nullIfNaN(f.rms()), residuals, obs.size(), low, low ? String.join("; ", why) : null);
    }

    private static PrecisionFits.Utilization utilization(Precision p, Point best, Double nominal, Measurements m) {
        double sigmaA = sigmaOrNaN(best);
        Quantity ofNominal = nominal == null ? Quantity.unknown("1") : ratio(best.score(), sigmaA, nominal, 0);
        Precision arithmetic = p == Precision.FP64 ? Precision.FP64 : Precision.FP32;
        List<Point> fma = m.fma().get(arithmetic);
        Point ceiling = fma == null ? null : fma.stream().filter(f -> f.threads() == best.threads()).findFirst().orElse(null);
        if (ceiling == null) {
            return new PrecisionFits.Utilization(ofNominal, Quantity.unknown("1"),
                    arithmetic + " FMA ceiling not measured at " + best.threads() + " threads");
        }
        return new PrecisionFits.Utilization(ofNominal, ratio(best.score(), sigmaA, ceiling.score(), sigmaOrNaN(ceiling)),
                String.format("measured %s FMA ceiling at %d thread%s (%.4g FLOP/s)", arithmetic, ceiling.threads(),
                        ceiling.threads() == 1 ? "" : "s", ceiling.score()));
    }

    /** a/b with a normal-approximation 95% interval from the two standard deviations (0 = exact, NaN = unknown). */
    private static Quantity ratio(double a, double sa, double b, double sb) {
        double r = a / b;
        double rel = Math.sqrt(sq(sa / a) + sq(sb / b));
        double se = r * rel;
        return Quantity.of(r, se, r - Z95 * se, r + Z95 * se, "1");
    }

    private static boolean recordsRate(PrecisionProfile entry) {
        return entry != null && entry.perCycle() != null;
    }

    private static double sigmaOrNaN(Point p) {
        double s = Measurements.sigma(p);
        return Double.isNaN(s) ? Double.NaN : s;
    }

    /**
     * FMA ceilings and bandwidth samples. A ceiling records its per-cycle figure where no precision entry does (a
     * precision measured by the FMA probe but not by GEMM), so that verification can recompute its nominal.
     */
    private static Ceilings ceilings(Measurements m, Inputs in, Device.Clock clock,
                                     Map<String, PrecisionProfile> precisions) {
        Map<String, List<Ceilings.FmaCeiling>> fma = new LinkedHashMap<>();
        m.fma().forEach((p, pts) -> {
            PerCycleRate r = in.rates().get(p);
            List<Ceilings.FmaCeiling> list = new ArrayList<>();
            for (Point pt : pts) {
                Double nominal = r == null || !(clock.usedHz() > 0) ? null
                        : Math.min(pt.threads(), Math.max(1, in.physicalCores())) * clock.usedHz() * r.perCycle();
                list.add(new Ceilings.FmaCeiling(pt.threads(), pt.score(), finite(pt.error()), nominal,
                        nominal == null ? null : pt.score() / nominal,
                        nominal == null || recordsRate(precisions.get(p.id())) ? null : r.perCycle()));
            }
            fma.put(p.id(), list);
        });
        List<Ceilings.BandwidthSample> bw = m.bandwidth().stream().map(pt -> new Ceilings.BandwidthSample(pt.workingSet(),
                pt.threads(), pt.score(), finite(pt.error()))).toList();
        return fma.isEmpty() && bw.isEmpty() ? null : new Ceilings(fma.isEmpty() ? null : fma, bw.isEmpty() ? null : bw);
    }

    /**
     * Roofline at the largest thread count of the bandwidth sweep: FMA ceilings at that count, and one bandwidth
     * plateau per memory level. A working set belongs to L1 or L2 when each thread's share fits in that private
     * cache, to L3 when the whole set fits in the last-level cache, and to DRAM when it is at least twice the
     * last-level cache; sets in between are transitions and belong to no plateau.
     */
    private static Roofline roofline(Measurements m, Inputs in) {
        if (m.bandwidth().isEmpty()) {
            return null;
        }
        int t = m.bandwidth().stream().mapToInt(Point::threads).max().orElse(1);
        Map<String, Quantity> compute = new LinkedHashMap<>();
        m.fma().forEach((p, pts) -> pts.stream().filter(x -> x.threads() == t).findFirst().ifPresent(x -> {
            double s = Measurements.sigma(x);
            compute.put(p.id(), Quantity.of(x.score(), s, x.score() - Z95 * s, x.score() + Z95 * s, "FLOP/s"));
        }));
        Map<String, List<Point>> levels = new LinkedHashMap<>();
        for (Point p : m.bandwidth()) {
            if (p.threads() != t) {
                continue;
            }
            String level = level(p.workingSet(), t, in.l1Bytes(), in.l2Bytes(), in.l3Bytes());
            if (level != null) {
                levels.computeIfAbsent(level, k -> new ArrayList<>()).add(p);
            }
        }
        List<Roofline.MemoryLevel> memory = new ArrayList<>();
        for (String level : List.of("L1", "L2", "L3", "DRAM")) {
            List<Point> pts = levels.get(level);
            if (pts == null) {
                continue;
            }
            List<Observation> obs = Measurements.observations(pts, Point::workingSet);
            double wSum = 0, wy = 0;
            for (Observation o : obs) {
                double w = 1 / (o.sigma() * o.sigma());
                wSum += w;
                wy += w * o.y();
            }
            double mean = wy / wSum, se = Math.sqrt(1 / wSum);
            memory.add(new Roofline.MemoryLevel(level, Quantity.of(mean, se, mean - Z95 * se, mean + Z95 * se, "bytes/s"),
                    pts.stream().map(Point::workingSet).toList()));
        }
        Map<String, Double> ridge = new LinkedHashMap<>();
        memory.stream().filter(l -> l.level().equals("DRAM")).findFirst().ifPresent(dram ->
                compute.forEach((p, c) -> ridge.put(p, c.value() / dram.bytesPerSecond().value())));
        return new Roofline(t, compute, memory, ridge.isEmpty() ? null : ridge);
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

    private static double sq(double v) {
        return v * v;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
