package dev.flopcal.profiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.math3.distribution.TDistribution;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.fitting.Observation;
import dev.flopcal.measurement.JmhRecord;

/**
 * JMH records sorted into what flopcal fits: GEMM rates (JVM and native) by precision, FMA ceilings by precision,
 * and bandwidth by working set. Where a shape was measured more than once (a noisy step re-measured), the result
 * with the smallest relative error is kept.
 *
 * <p>Records from flopcal's harnesses are recognised by class name. A record from another harness counts as a
 * GEMM rate when it has {@code size} (or {@code n}) and {@code precision} parameters; {@code threads} defaults to 1.
 */
public final class Measurements {
    /** One rate with its JMH error. */
    public record Point(int n, int threads, long workingSet, double score, double error, int iterations) {
        /** error / score; NaN when unknown. */
        public double relativeError() {
            return error / score;
        }
    }

    private final Map<Precision, List<Point>> gemm = new EnumMap<>(Precision.class);
    private final Map<Precision, List<Point>> nativeGemm = new EnumMap<>(Precision.class);
    private final Map<Precision, List<Point>> fma = new EnumMap<>(Precision.class);
    private final List<Point> bandwidth = new ArrayList<>();

    private Measurements() {
    }

    /**
     * Sorts records.
     *
     * @throws InvalidInputException when no record is a GEMM, FMA or bandwidth result
     */
    public static Measurements of(String source, List<JmhRecord> records) {
        Map<String, JmhRecord> best = new LinkedHashMap<>();
        for (JmhRecord r : records) {
            String key = r.benchmark() + new TreeMap<>(r.params());
            JmhRecord old = best.get(key);
            if (old == null || quality(r) < quality(old)) {
                best.put(key, r);
            }
        }
        Measurements m = new Measurements();
        for (JmhRecord r : best.values()) {
            String name = r.shortName();
            int iterations = r.iterations().size();
            switch (name) {
                case "FmaBenchmark.fma" -> m.fma.computeIfAbsent(precision(r), x -> new ArrayList<>())
                        .add(new Point(0, r.intParam("threads"), 0, r.score(), r.error(), iterations));
                case "BandwidthBenchmark.triad" -> m.bandwidth.add(new Point(0, r.intParam("threads"),
                        Long.parseLong(r.param("workingSetBytes")), r.score(), r.error(), iterations));
                case "NativeGemmBenchmark.multiply" -> m.nativeGemm.computeIfAbsent(precision(r), x -> new ArrayList<>())
                        .add(new Point(r.intParam("size"), r.intParam("threads"), 0, r.score(), r.error(), iterations));
                default -> {
                    String sizeParam = r.param("size") != null ? "size" : r.param("n") != null ? "n" : null;
                    if (sizeParam != null && r.param("precision") != null) {
                        int threads = r.param("threads") == null ? 1 : r.intParam("threads");
                        m.gemm.computeIfAbsent(precision(r), x -> new ArrayList<>())
                                .add(new Point(r.intParam(sizeParam), threads, 0, r.score(), r.error(), iterations));
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
        m.bandwidth.sort(order);
        return m;
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

    public List<Point> bandwidth() {
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
     * The standard deviation of a JMH mean: JMH's error is a 99.9% Student-t half-width over the iterations, so
     * σ = error / t(0.9995, N−1). Points without an error borrow the median relative error of the series, or 5%.
     */
    public static List<Observation> observations(List<Point> points, java.util.function.ToDoubleFunction<Point> x) {
        double[] rel = points.stream().filter(p -> sigma(p) > 0).mapToDouble(p -> sigma(p) / p.score()).sorted().toArray();
        double fallback = rel.length == 0 ? 0.05 : rel[rel.length / 2];
        List<Observation> out = new ArrayList<>();
        for (Point p : points) {
            double s = sigma(p);
            out.add(new Observation(x.applyAsDouble(p), p.score(), s > 0 ? s : fallback * p.score()));
        }
        return out;
    }

    /** One standard deviation of a point's mean, NaN when JMH gave no error. */
    public static double sigma(Point p) {
        if (!(p.error() > 0) || p.iterations() < 2) {
            return Double.NaN;
        }
        return p.error() / new TDistribution(p.iterations() - 1).inverseCumulativeProbability(0.9995);
    }

    private static double quality(JmhRecord r) {
        double q = r.relativeError();
        return Double.isNaN(q) ? Double.MAX_VALUE : q;
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
