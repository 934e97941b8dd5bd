package dev.flopcal.profiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.distribution.TDistribution;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.fitting.Observation;
import dev.flopcal.fitting.Replicates;
import dev.flopcal.measurement.JmhRecord;

/**
 * JMH records sorted into what flopcal fits: GEMM rates (JVM and native) by precision, FMA ceilings by precision,
 * and bandwidth by kernel and working set, each shape with the figures of every JVM that measured it.
 *
 * <p>A JVM is a fork of a record (JMH's forks), and records of the same shape are further JVMs (the passes of a
 * calibration, or a step measured again): the k-th JVM of one shape and the k-th JVM of another shape of the same
 * kernel and thread count ran in the same pass, and where the steps shared a JVM, in the same JVM.
 *
 * <p>Records from flopcal's harnesses are recognised by class name. A record from another harness counts as a
 * GEMM rate when it has {@code size} (or {@code n}) and {@code precision} parameters; {@code threads} defaults to 1.
 */
public final class Measurements {
    /**
     * One JVM's measurement of a shape.
     *
     * @param iterations its measured iterations, per second
     * @param rate       their median, per second (robust to an iteration another process disturbed)
     * @param error      the median's standard error (NaN when it has fewer than three iterations or no spread)
     * @param jmhError   JMH's 99.9% half-width of the record this JVM belongs to (all its forks), NaN if none
     */
    public record Jvm(double[] iterations, double rate, double error, double jmhError) {
        public Jvm {
            iterations = iterations.clone();
        }
    }

    /**
     * One shape with its JVMs.
     *
     * @param n          square size (GEMM), 0 otherwise
     * @param threads    threads
     * @param workingSet bytes (bandwidth), 0 otherwise
     * @param jvms       the JVMs whose figures count, in run order
     * @param setAside   the JVMs set aside as disturbed ({@link Replicates#disturbed}), in run order
     */
    public record Point(int n, int threads, long workingSet, List<Jvm> jvms, List<Jvm> setAside) {
        public Point {
            jvms = List.copyOf(jvms);
            setAside = List.copyOf(setAside);
        }

        /** A point with every JVM counting. */
        Point(int n, int threads, long workingSet, List<Jvm> jvms) {
            this(n, threads, workingSet, jvms, List.of());
        }

        /** The mean of the JVMs' rates. */
        public double score() {
            return jvms.stream().mapToDouble(Jvm::rate).average().orElse(Double.NaN);
        }

        /** The JVMs' rates, in run order. */
        public double[] rates() {
            return jvms.stream().mapToDouble(Jvm::rate).toArray();
        }

        /** The JVMs' within-JVM standard errors, in run order. */
        public double[] errors() {
            return jvms.stream().mapToDouble(Jvm::error).toArray();
        }

        /**
         * The largest relative within-JVM error of its JVMs, as a 99.9% half-width over the rate (JMH's measure of
         * a noisy sample); NaN when unknown.
         */
        public double relativeError() {
            return jvms.stream().mapToDouble(j -> j.jmhError() / score()).filter(Double::isFinite).max()
                    .orElse(Double.NaN);
        }
    }

    /**
     * A bandwidth measurement.
     *
     * @param kernel "read", "write", "copy" or "triad" (the harness's method)
     * @param level  the memory level the plan chose the working set for ("L1", "L2", "L3", "DRAM"), "sweep" for a set
     *               between levels, or null in raw results from before the harness recorded it (then the working set
     *               and the cache sizes decide the level)
     * @param point  the working set ({@link Point#workingSet()}), threads and JVMs
     */
    public record BandwidthPoint(String kernel, String level, Point point) {
        /** Kernels in the order profiles list them. */
        static final List<String> KERNELS = List.of("read", "write", "copy", "triad");
    }

    private final Map<Precision, List<Point>> gemm = new EnumMap<>(Precision.class);
    private final Map<Precision, List<Point>> nativeGemm = new EnumMap<>(Precision.class);
    private final Map<Precision, List<Point>> fma = new EnumMap<>(Precision.class);
    private final List<BandwidthPoint> bandwidth = new ArrayList<>();

    private Measurements() {
    }

    /**
     * Sorts records.
     *
     * @throws InvalidInputException when no record is a GEMM, FMA or bandwidth result
     */
    public static Measurements of(String source, List<JmhRecord> records) {
        Map<String, List<JmhRecord>> byShape = new LinkedHashMap<>();
        for (JmhRecord r : records) {
            byShape.computeIfAbsent(r.benchmark() + new TreeMap<>(r.params()), k -> new ArrayList<>()).add(r);
        }
        Measurements m = new Measurements();
        for (List<JmhRecord> shape : byShape.values()) {
            JmhRecord r = shape.get(0);
            List<Jvm> jvms = jvms(shape);
            if (jvms.isEmpty()) {
                continue;
            }
            switch (r.shortName()) {
                case "FmaBenchmark.fma" -> m.fma.computeIfAbsent(precision(r), x -> new ArrayList<>())
                        .add(new Point(0, r.intParam("threads"), 0, jvms));
                case "BandwidthBenchmark.read", "BandwidthBenchmark.write", "BandwidthBenchmark.copy",
                     "BandwidthBenchmark.triad" -> m.bandwidth.add(new BandwidthPoint(
                        r.shortName().substring(r.shortName().indexOf('.') + 1), r.param("level"),
                        new Point(0, r.intParam("threads"), Long.parseLong(r.param("workingSetBytes")), jvms)));
                case "NativeGemmBenchmark.multiply" -> m.nativeGemm.computeIfAbsent(precision(r), x -> new ArrayList<>())
                        .add(new Point(r.intParam("size"), r.intParam("threads"), 0, jvms));
                default -> {
                    String sizeParam = r.param("size") != null ? "size" : r.param("n") != null ? "n" : null;
                    if (sizeParam != null && r.param("precision") != null) {
                        int threads = r.param("threads") == null ? 1 : r.intParam("threads");
                        m.gemm.computeIfAbsent(precision(r), x -> new ArrayList<>())
                                .add(new Point(r.intParam(sizeParam), threads, 0, jvms));
                    }
                }
            }
        }
        if (m.gemm.isEmpty() && m.fma.isEmpty() && m.bandwidth.isEmpty()) {
            throw new InvalidInputException(source + ": no GEMM, FMA or bandwidth results (expected flopcal's harnesses,"
                    + " or benchmarks with 'size' and 'precision' parameters)");
        }
        Comparator<Point> order = Comparator.comparingInt(Point::threads).thenComparingInt(Point::n)
                .thenComparingLong(Point::workingSet);
        m.gemm.values().forEach(l -> l.sort(order));
        m.nativeGemm.values().forEach(l -> l.sort(order));
        m.fma.values().forEach(l -> l.sort(order));
        m.bandwidth.sort(Comparator.comparingInt((BandwidthPoint b) -> b.point().threads())
                .thenComparingInt(b -> BandwidthPoint.KERNELS.indexOf(b.kernel()))
                .thenComparingLong(b -> b.point().workingSet()));
        m.screen();
        return m;
    }

    /**
     * Sets aside the JVMs a disturbance slowed ({@link Replicates#disturbed}), judged against the robust spread
     * between JVMs of the kernels that share their machine state: the GEMM kernels and FMA probes of the same thread
     * count (of all thread counts where one has too few pairs of JVMs), and the bandwidth sweep's working sets.
     * The figures set aside stay in the raw results, and the profile's notes name them.
     */
    private void screen() {
        Map<Integer, List<Point>> compute = new TreeMap<>();
        gemm.values().forEach(l -> l.forEach(p -> compute.computeIfAbsent(p.threads(), k -> new ArrayList<>()).add(p)));
        fma.values().forEach(l -> l.forEach(p -> compute.computeIfAbsent(p.threads(), k -> new ArrayList<>()).add(p)));
        double all = Replicates.robustSd(compute.values().stream().flatMap(l -> series(l).stream()).toList());
        Map<Point, Point> screened = new java.util.IdentityHashMap<>();
        compute.forEach((t, pts) -> {
            double own = Replicates.robustSd(series(pts));
            double sd = Double.isNaN(own) ? all : own;
            pts.forEach(p -> screened.put(p, screened(p, sd)));
        });
        double bandwidthSd = Replicates.robustSd(series(bandwidth.stream().map(BandwidthPoint::point).toList()));
        gemm.values().forEach(l -> l.replaceAll(screened::get));
        fma.values().forEach(l -> l.replaceAll(screened::get));
        bandwidth.replaceAll(b -> new BandwidthPoint(b.kernel(), b.level(), screened(b.point(), bandwidthSd)));
    }

    private static Point screened(Point p, double sd) {
        boolean[] out = Replicates.disturbed(p.rates(), sd);
        List<Jvm> kept = new ArrayList<>(), aside = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            (out[i] ? aside : kept).add(p.jvms().get(i));
        }
        return aside.isEmpty() ? p : new Point(p.n(), p.threads(), p.workingSet(), kept, aside);
    }

    /** Every fork of every record, in order; a record without iterations counts as one JVM of its score. */
    private static List<Jvm> jvms(List<JmhRecord> records) {
        List<Jvm> out = new ArrayList<>();
        for (JmhRecord r : records) {
            if (r.forks().isEmpty()) {
                if (Double.isFinite(r.score())) {
                    out.add(new Jvm(new double[] {r.score()}, r.score(), Double.NaN, r.error()));
                }
                continue;
            }
            for (List<Double> fork : r.forks()) {
                double[] its = fork.stream().mapToDouble(Double::doubleValue).toArray();
                out.add(new Jvm(its, Replicates.location(its), Replicates.locationError(its), r.error()));
            }
        }
        return out;
    }

    public Map<Precision, List<Point>> gemm() {
        return gemm;
    }

    public Map<Precision, List<Point>> nativeGemm() {
        return nativeGemm;
    }

    public Map<Precision, List<Point>> fma() {
        return fma;
    }

    /** Every bandwidth measurement, by threads, kernel (read, write, copy, triad) and working set. */
    public List<BandwidthPoint> bandwidth() {
        return bandwidth;
    }

    /** The largest thread count of any GEMM or FMA result. */
    public int maxThreads() {
        int t = 0;
        for (List<Point> l : gemm.values()) {
            for (Point p : l) {
                t = Math.max(t, p.threads());
            }
        }
        for (List<Point> l : fma.values()) {
            for (Point p : l) {
                t = Math.max(t, p.threads());
            }
        }
        return t;
    }

    /**
     * One observation per JVM and shape, for fitting: x from the shape, y the JVM's rate, σ its within-JVM error.
     * JVMs without an error borrow the median relative error of the others, or 5% when none has one.
     */
    public static List<Observation> observations(List<Point> points, ToDoubleFunction<Point> x) {
        return observations(points, x, Double.NaN);
    }

    /**
     * As {@link #observations(List, ToDoubleFunction)}, with the spread between JVMs (relative, NaN for none) added
     * to each σ in quadrature: a JVM's rate scatters around the curve by both, and without it a shape measured in
     * one quiet JVM outweighs the others many times over.
     */
    public static List<Observation> observations(List<Point> points, ToDoubleFunction<Point> x, double between) {
        List<Observation> within = observations0(points, x);
        if (!(between > 0)) {
            return within;
        }
        return within.stream().map(o -> new Observation(o.x(), o.y(),
                Math.hypot(o.sigma(), between * o.y()))).toList();
    }

    private static List<Observation> observations0(List<Point> points, ToDoubleFunction<Point> x) {
        double[] rel = points.stream().flatMap(p -> p.jvms().stream()).filter(j -> j.error() > 0)
                .mapToDouble(j -> j.error() / j.rate()).sorted().toArray();
        double fallback = rel.length == 0 ? 0.05 : rel[rel.length / 2];
        List<Observation> out = new ArrayList<>();
        for (Point p : points) {
            for (Jvm j : p.jvms()) {
                out.add(new Observation(x.applyAsDouble(p), j.rate(), j.error() > 0 ? j.error() : fallback * j.rate()));
            }
        }
        return out;
    }

    /** The JVMs' rates of every point that more than one JVM measured, as series for {@link Replicates.Pooled}. */
    public static List<double[]> series(List<Point> points) {
        return points.stream().filter(p -> p.jvms().size() > 1).map(Point::rates).toList();
    }

    /** One standard deviation from a JMH 99.9% half-width over {@code iterations} values; NaN when unknown. */
    static double sigma(double halfWidth, int iterations) {
        if (!(halfWidth > 0) || iterations < 2) {
            return Double.NaN;
        }
        return halfWidth / new TDistribution(iterations - 1).inverseCumulativeProbability(0.9995);
    }

    private static Precision precision(JmhRecord r) {
        String p = r.param("precision");
        try {
            return Precision.parse(p);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(r.benchmark() + ": " + e.getMessage());
        }
    }
}
