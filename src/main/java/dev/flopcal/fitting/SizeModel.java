package dev.flopcal.fitting;

import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.commons.math3.linear.ArrayRealVector;

/**
 * Candidate models of GEMM throughput against square size n. Each has an asymptote {@code rInf}; they differ in how
 * the rate approaches it, which decides how far above the measured points the asymptote lands.
 *
 * <ul>
 *   <li>{@link #HOCKNEY}: r∞·n / (n + n½): the n² costs of packing and updating C over the 2n³ of the product
 *       (Hockney and Jesshope, 1988). It approaches r∞ slowly (1/n), so where the data level off within the
 *       measured range it undershoots the small sizes and overshoots the large ones.</li>
 *   <li>{@link #HILL}: r∞·nᵖ / (nᵖ + n½ᵖ): Hockney's curve with a steepness p (p = 1 is Hockney), as for any
 *       saturating dose-response.</li>
 *   <li>{@link #PLATEAU}: r∞·(1 − exp(−(n/n₀)ᵖ)): a rate that reaches its plateau within a few n₀ and stays there,
 *       as a blocked GEMM does once its panels fill the caches.</li>
 * </ul>
 */
public enum SizeModel {
    HOCKNEY("hockney", "r(n) = rInf * n / (n + nHalf)", List.of("rInf", "nHalf"), List.of("FLOP/s", "n")) {
        @Override
        public double value(double n, double[] p) {
            return p[0] * n / (n + p[1]);
        }

        @Override
        public double[] gradient(double n, double[] p) {
            double d = n + p[1];
            return new double[] {n / d, -p[0] * n / (d * d)};
        }

        @Override
        List<double[]> starts(double maxY, double minX, double midX) {
            return List.of(new double[] {1.2 * maxY, Math.max(1, minX)});
        }

        @Override
        double[] bound(double[] a) {
            a[0] = Math.max(a[0], 1e-300);
            a[1] = Math.max(a[1], 0);
            return a;
        }
    },
    HILL("hill", "r(n) = rInf * n^p / (n^p + nHalf^p)", List.of("rInf", "nHalf", "p"), List.of("FLOP/s", "n", "1")) {
        @Override
        public double value(double n, double[] p) {
            double u = Math.pow(n, p[2]), h = Math.pow(p[1], p[2]);
            return p[0] * u / (u + h);
        }

        @Override
        public double[] gradient(double n, double[] p) {
            double u = Math.pow(n, p[2]), h = Math.pow(p[1], p[2]), d = u + h;
            return new double[] {u / d, -p[0] * u * p[2] * h / p[1] / (d * d),
                p[0] * u * h * (Math.log(n) - Math.log(p[1])) / (d * d)};
        }

        @Override
        List<double[]> starts(double maxY, double minX, double midX) {
            return List.of(new double[] {1.1 * maxY, Math.max(1, minX), 1}, new double[] {1.05 * maxY, midX / 2, 2},
                    new double[] {1.02 * maxY, minX, 3});
        }

        @Override
        double[] bound(double[] a) {
            a[0] = Math.max(a[0], 1e-300);
            a[1] = Math.max(a[1], 1e-6);
            a[2] = Math.clamp(a[2], 0.2, 8);
            return a;
        }
    },
    PLATEAU("plateau", "r(n) = rInf * (1 - exp(-(n / n0)^p))", List.of("rInf", "n0", "p"), List.of("FLOP/s", "n", "1")) {
        @Override
        public double value(double n, double[] p) {
            return p[0] * (1 - Math.exp(-Math.pow(n / p[1], p[2])));
        }

        @Override
        public double[] gradient(double n, double[] p) {
            double z = Math.pow(n / p[1], p[2]), e = Math.exp(-z);
            return new double[] {1 - e, -p[0] * e * z * p[2] / p[1], p[0] * e * z * Math.log(n / p[1])};
        }

        @Override
        List<double[]> starts(double maxY, double minX, double midX) {
            return List.of(new double[] {1.02 * maxY, minX, 1}, new double[] {1.05 * maxY, midX / 2, 1},
                    new double[] {1.02 * maxY, minX, 0.5});
        }

        @Override
        double[] bound(double[] a) {
            a[0] = Math.max(a[0], 1e-300);
            a[1] = Math.max(a[1], 1e-6);
            a[2] = Math.clamp(a[2], 0.2, 8);
            return a;
        }
    };

    private final String id;
    private final String formula;
    private final List<String> parameters;
    private final List<String> units;

    SizeModel(String id, String formula, List<String> parameters, List<String> units) {
        this.id = id;
        this.formula = formula;
        this.parameters = parameters;
        this.units = units;
    }

    /** The model a profile names, e.g. "plateau"; empty for another name (a thread-scaling fit, say). */
    public static java.util.Optional<SizeModel> byId(String id) {
        for (SizeModel m : values()) {
            if (m.id.equals(id)) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }

    /** The name profiles record, e.g. "hockney". */
    public String id() {
        return id;
    }

    /** The model as profiles record it. */
    public String formula() {
        return formula;
    }

    /** Parameter names, in order. */
    public List<String> parameters() {
        return parameters;
    }

    /** Parameter units, in order ("FLOP/s" stands for the rate's unit). */
    public List<String> units() {
        return units;
    }

    /** r(n) for the parameters, in order. */
    public abstract double value(double n, double[] p);

    /** ∂r/∂p at n. */
    public abstract double[] gradient(double n, double[] p);

    /** Starting points for the fitter, from the data's largest rate, smallest size and middle size. */
    abstract List<double[]> starts(double maxY, double minX, double midX);

    /** Keeps parameters in their domain while iterating. */
    abstract double[] bound(double[] a);

    /**
     * Fits the model to the points from each of its starting points and keeps the fit with the smallest
     * chi-square: the three-parameter curves have flat directions from which one start can stall.
     */
    public FitResult fit(List<Observation> points) {
        long distinct = points.stream().mapToDouble(Observation::x).distinct().count();
        if (distinct < parameters.size()) {
            return FitResult.notFitted(parameters, points.size(), distinct + " size" + (distinct == 1 ? "" : "s")
                    + " measured; the " + id + " model has " + parameters.size() + " parameters and needs at least "
                    + parameters.size() + " sizes (more for an uncertainty)");
        }
        double maxY = points.stream().mapToDouble(Observation::y).max().orElse(1);
        double[] xs = points.stream().mapToDouble(Observation::x).distinct().sorted().toArray();
        CurveModel model = new CurveModel() {
            @Override
            public double value(double x, double[] p) {
                return SizeModel.this.value(x, p);
            }

            @Override
            public double[] gradient(double x, double[] p) {
                return SizeModel.this.gradient(x, p);
            }
        };
        UnaryOperator<double[]> bounds = this::bound;
        FitResult best = null;
        for (double[] start : starts(maxY, xs[0], xs[xs.length / 2])) {
            FitResult f = WeightedLeastSquares.fit(parameters, model, points, start.clone(),
                    v -> new ArrayRealVector(bounds.apply(v.toArray()), false));
            if (best == null || (f.hasValues() && (!best.hasValues() || f.chiSquare() < best.chiSquare()))) {
                best = f;
            }
        }
        return best;
    }
}
