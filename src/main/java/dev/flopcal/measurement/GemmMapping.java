package dev.flopcal.measurement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.flopcal.benchmarks.GemmBenchmark;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;

/**
 * How another project's JMH results become GEMM rates: which parameter holds the matrix size, which one (if any)
 * splits the results into one profile per value, the precision where the results have no {@code precision}
 * parameter, and the floating-point operations per benchmark operation. flopcal's own harnesses report FLOP/s
 * themselves and pass through unchanged; every other record (any benchmark outside {@code dev.flopcal.benchmarks})
 * is mapped: its score, converted to operations per second from any JMH unit ({@link ScoreUnit}), times
 * {@link FlopsPerOp} evaluated at the record's shape. The shape is m = n = k = the size parameter, except that
 * parameters named {@code m}, {@code n} or {@code k} give their own dimension. The thread count is a
 * {@code threads} parameter where there is one, else 1 (JMH's own {@code -t} is not read).
 *
 * <p>A profile records its mapping ({@link #plan}) in {@code provenance.plan.mapping}, and {@code verify}
 * re-applies it to the raw results ({@link #recorded}).
 *
 * @param sizeParam   parameter holding the matrix size n, e.g. "size" or "dim"
 * @param seriesParam parameter whose values split the results into one profile each, e.g. "lib"; null for one
 * @param precision   precision of results that have no "precision" parameter; null to require the parameter
 * @param flopsPerOp  operations per benchmark operation
 */
public record GemmMapping(String sizeParam, String seriesParam, Precision precision, FlopsPerOp flopsPerOp) {
    /** The size parameter flopcal's own harnesses use, and the default. */
    public static final String DEFAULT_SIZE_PARAM = "size";
    /** Key of the mapping in a profile's {@code provenance.plan}. */
    public static final String PLAN_KEY = "mapping";
    private static final String OWN_PACKAGE = GemmBenchmark.class.getPackageName() + ".";
    private static final String RATE_UNIT = "FLOP/s";

    public GemmMapping {
        if (sizeParam == null || sizeParam.isBlank()) {
            throw new InvalidInputException("--size-param is empty; name the parameter that holds the matrix size");
        }
        if (seriesParam != null && seriesParam.isBlank()) {
            throw new InvalidInputException("--series-param is empty; name the parameter whose values make one profile each");
        }
        Objects.requireNonNull(flopsPerOp, "flopsPerOp");
    }

    /** Size parameter {@value #DEFAULT_SIZE_PARAM}, no series, precision from the results, 2n³ operations. */
    public static GemmMapping defaults() {
        return new GemmMapping(DEFAULT_SIZE_PARAM, null, null, new FlopsPerOp(FlopsPerOp.SQUARE_GEMM));
    }

    /**
     * The records of one profile.
     *
     * @param value      the series parameter's value; null without a series parameter
     * @param records    flopcal's records unchanged and the others mapped to GEMM rates in FLOP/s, in file order
     * @param mapped     true when at least one record was mapped
     * @param units      the score units of the mapped records, in order of appearance
     * @param benchmarks the mapped benchmarks, e.g. "FillByMultiplying.execute"
     */
    public record Series(String value, List<JmhRecord> records, boolean mapped, List<String> units,
                         List<String> benchmarks) {
        public Series {
            records = List.copyOf(records);
            units = List.copyOf(units);
            benchmarks = List.copyOf(benchmarks);
        }
    }

    /** A mapping as a profile records it, with the series value the profile holds (null without a series). */
    public record Recorded(GemmMapping mapping, String series) {
        /** In words, e.g. "lib=ojAlgo, size from dim, 2*n^3 FLOP per operation, fp64". */
        public String summary() {
            return (series == null ? "" : mapping.seriesParam() + "=" + series + ", ") + "size from "
                    + mapping.sizeParam() + ", " + mapping.flopsPerOp().text() + " FLOP per operation"
                    + (mapping.precision() == null ? "" : ", " + mapping.precision());
        }

        /**
         * The profile's records among raw results: the mapping re-applied, its series selected.
         *
         * @throws InvalidInputException when the raw results cannot be mapped or hold no such series
         */
        public List<JmhRecord> records(String source, List<JmhRecord> raw) {
            return mapping.apply(source, raw).stream().filter(s -> Objects.equals(s.value(), series)).findFirst()
                    .orElseThrow(() -> new InvalidInputException(source + " has no results with " + mapping.seriesParam()
                            + "=" + series)).records();
        }
    }

    /** True for a record of another harness than flopcal's, which {@link #apply} maps. */
    public static boolean isForeign(JmhRecord r) {
        return !r.benchmark().startsWith(OWN_PACKAGE);
    }

    /**
     * Splits records by the series parameter (one series when there is none) and maps every foreign record.
     *
     * @param source the file the records come from, named in every message
     * @return the series in order of first appearance
     * @throws InvalidInputException naming the file, the result and what is wrong: a parameter it lacks, a size
     *                               that is not a positive integer, a unit that does not convert, an expression that
     *                               gives no positive number, or two results of one series that map to one shape
     */
    public List<Series> apply(String source, List<JmhRecord> records) {
        Map<String, List<Integer>> byValue = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            JmhRecord r = records.get(i);
            String value = seriesParam == null ? null : r.param(seriesParam);
            if (seriesParam != null && value == null) {
                throw new InvalidInputException(where(source, i, r) + " has no parameter '" + seriesParam
                        + "' (--series-param)");
            }
            byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(i);
        }
        if (byValue.isEmpty()) {
            byValue.put(null, List.of()); // no results: one empty series, which the builder refuses by the file's name
        }
        List<Series> out = new ArrayList<>();
        byValue.forEach((value, indexes) -> {
            List<JmhRecord> mapped = new ArrayList<>();
            Set<String> units = new LinkedHashSet<>(), benchmarks = new LinkedHashSet<>();
            Map<String, Integer> shapes = new LinkedHashMap<>();
            for (int i : indexes) {
                JmhRecord r = records.get(i);
                if (!isForeign(r)) {
                    mapped.add(r);
                    continue;
                }
                JmhRecord m = map(source, i, r);
                Integer other = shapes.putIfAbsent(new TreeMap<>(m.params()).toString(), i);
                if (other != null) {
                    distinct(source, records, other, i);
                }
                mapped.add(m);
                units.add(r.unit());
                benchmarks.add(r.shortName());
            }
            out.add(new Series(value, mapped, !units.isEmpty(), List.copyOf(units), List.copyOf(benchmarks)));
        });
        return out;
    }

    /**
     * The mapping of a series as {@code provenance.plan.mapping} records it: sizeParam, seriesParam and series
     * (with a series parameter), precision (when given), flopsPerOp, and the scoreUnits converted.
     */
    public Map<String, Object> plan(Series s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sizeParam", sizeParam);
        if (seriesParam != null) {
            m.put("seriesParam", seriesParam);
            m.put("series", s.value());
        }
        if (precision != null) {
            m.put("precision", precision.id());
        }
        m.put("flopsPerOp", flopsPerOp.text());
        m.put("scoreUnits", s.units());
        return m;
    }

    /**
     * The mapping a profile's {@code provenance.plan} records, if any.
     *
     * @throws InvalidInputException when the recorded mapping is malformed (a bad expression or precision)
     */
    public static Optional<Recorded> recorded(Map<String, Object> plan) {
        if (plan == null || !(plan.get(PLAN_KEY) instanceof Map<?, ?> m)) {
            return Optional.empty();
        }
        String precision = text(m, "precision");
        GemmMapping mapping = new GemmMapping(text(m, "sizeParam"), text(m, "seriesParam"),
                precision == null ? null : parsePrecision(precision, "provenance.plan.mapping.precision"),
                new FlopsPerOp(text(m, "flopsPerOp")));
        return Optional.of(new Recorded(mapping, text(m, "series")));
    }

    /** A foreign record as a GEMM rate: params size, precision and threads; score, error and iterations in FLOP/s. */
    private JmhRecord map(String source, int index, JmhRecord r) {
        String where = where(source, index, r);
        int size = positiveInteger(r, sizeParam, "--size-param", where);
        Precision p = precisionOf(r, where);
        int threads = r.param("threads") == null ? 1 : positiveInteger(r, "threads", null, where);
        double flops;
        try {
            flops = flopsPerOp.at(dimension(r, "m", size, where), dimension(r, "n", size, where),
                    dimension(r, "k", size, where));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage(), e);
        }
        if (!(flops > 0) || Double.isInfinite(flops)) {
            throw new InvalidInputException(where + ": --flops-per-op '" + flopsPerOp.text() + "' gives " + flops
                    + " operations at " + sizeParam + "=" + size + "; expected a positive number");
        }
        ScoreUnit unit = ScoreUnit.parse(r.unit()).orElseThrow(() -> new InvalidInputException(where
                + ": score unit '" + r.unit() + "' cannot be converted to operations per second (expected one of JMH's"
                + " units: " + ScoreUnit.accepted() + ")"));
        if (!(r.score() > 0) || Double.isInfinite(r.score())) {
            throw new InvalidInputException(where + ": score " + r.score() + " " + r.unit()
                    + " is not a positive number");
        }
        List<List<Double>> iterations = r.forks().stream()
                .map(fork -> fork.stream().map(v -> unit.perSecond(v) * flops).toList()).toList();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("size", Integer.toString(size));
        params.put("precision", p.id());
        params.put("threads", Integer.toString(threads));
        return r.withRates(params, unit.perSecond(r.score()) * flops, unit.errorPerSecond(r.score(), r.error()) * flops,
                RATE_UNIT, iterations);
    }

    private Precision precisionOf(JmhRecord r, String where) {
        String own = r.param("precision");
        if (own == null) {
            if (precision == null) {
                throw new InvalidInputException(where + " has no parameter 'precision': give the precision of the"
                        + " results with --precision, e.g. --precision fp64");
            }
            return precision;
        }
        Precision p = parsePrecision(own, where + " parameter precision");
        if (precision != null && p != precision) {
            throw new InvalidInputException(where + " has precision=" + own + " but --precision says " + precision
                    + "; leave --precision out for results that state their precision");
        }
        return p;
    }

    private static Precision parsePrecision(String text, String what) {
        try {
            return Precision.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + ": " + e.getMessage());
        }
    }

    private int positiveInteger(JmhRecord r, String param, String flag, String where) {
        String v = r.param(param);
        if (v == null) {
            throw new InvalidInputException(where + " has no parameter '" + param + "'"
                    + (flag == null ? "" : "; name the parameter that holds the matrix size with " + flag));
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(where + ": parameter " + param + "='" + v + "' is not a positive integer");
    }

    /** A dimension of the shape: its own parameter m, n or k where the record has one, else the size. */
    private static double dimension(JmhRecord r, String name, int size, String where) {
        String v = r.param(name);
        if (v == null) {
            return size;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (d > 0 && !Double.isInfinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(where + ": parameter " + name + "='" + v + "' is not a positive number"
                + " (m, n and k are the dimensions --flops-per-op uses)");
    }

    /** Two mapped records of one series at one shape must be repeats of one benchmark, not different ones. */
    private static void distinct(String source, List<JmhRecord> records, int first, int second) {
        JmhRecord a = records.get(first), b = records.get(second);
        if (a.benchmark().equals(b.benchmark()) && a.params().equals(b.params())) {
            return;
        }
        Set<String> differ = new TreeSet<>();
        Set<String> names = new TreeSet<>(a.params().keySet());
        names.addAll(b.params().keySet());
        for (String k : names) {
            if (!Objects.equals(a.param(k), b.param(k))) {
                differ.add(k);
            }
        }
        String what = !a.benchmark().equals(b.benchmark())
                ? "are different benchmarks (" + a.shortName() + ", " + b.shortName() + "): fit one benchmark per file"
                : "differ in " + String.join(", ", differ) + ": make one profile per value with --series-param "
                        + differ.iterator().next();
        throw new InvalidInputException(source + ": results #" + (first + 1) + " and #" + (second + 1)
                + " give the same size, precision and threads but " + what);
    }

    private static String where(String source, int index, JmhRecord r) {
        return source + ": result #" + (index + 1) + " (" + r.shortName() + (r.params().isEmpty() ? ""
                : " " + new TreeSet<>(r.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()))
                + ")";
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }
}
