package dev.flopcal.fitting;

import java.util.List;

/**
 * Gunther's Universal Scalability Law: X(N) = λ·N / (1 + α(N − 1) + β·N(N − 1)), with λ the single-thread rate,
 * α contention (serialisation) and β coherency (crosstalk) (Gunther, Guerrilla Capacity Planning, 2007).
 *
 * <p>Three parameters need at least four thread counts to leave a degree of freedom for an uncertainty; with
 * fewer, the fit reports NaN and says so (a two-core machine gives two points).
 */
public final class Usl {
    /** Parameter names, in order. */
    public static final List<String> PARAMETERS = List.of("lambda", "alpha", "beta");
    /** The model, as recorded with fits. */
    public static final String FORMULA = "X(N) = lambda * N / (1 + alpha * (N - 1) + beta * N * (N - 1))";

    private Usl() {
    }

    /** X(N) for given parameters. */
    public static double throughput(double n, double lambda, double alpha, double beta) {
        return lambda * n / (1 + alpha * (n - 1) + beta * n * (n - 1));
    }

    /** Fits from the data's own start: λ from the smallest thread count, α = 0.05, β = 0.001. */
    public static FitResult fit(List<Observation> points) {
        Observation first = points.stream().min(java.util.Comparator.comparingDouble(Observation::x)).orElse(null);
        double lambda = first == null ? 1 : first.y() / first.x();
        return fit(points, new double[] {lambda, 0.05, 0.001});
    }

    /** Fits from a given start {λ, α, β}; NaN with a reason for fewer than four distinct thread counts. */
    public static FitResult fit(List<Observation> points, double[] start) {
        long distinct = points.stream().mapToDouble(Observation::x).distinct().count();
        if (distinct < 4) {
            return FitResult.notFitted(PARAMETERS, points.size(), distinct + " thread count" + (distinct == 1 ? "" : "s")
                    + " measured; the Universal Scalability Law has 3 parameters (lambda, alpha, beta) and needs at"
                    + " least 4 thread counts to fit them with an uncertainty");
        }
        CurveModel model = new CurveModel() {
            @Override
            public double value(double n, double[] p) {
                return throughput(n, p[0], p[1], p[2]);
            }

            @Override
            public double[] gradient(double n, double[] p) {
                double d = 1 + p[1] * (n - 1) + p[2] * n * (n - 1);
                double x = p[0] * n / d;
                return new double[] {n / d, -x * (n - 1) / d, -x * n * (n - 1) / d};
            }
        };
        return WeightedLeastSquares.fit(PARAMETERS, model, points, start.clone(), v -> {
            double[] a = v.toArray();
            a[0] = Math.max(a[0], 1e-300);
            a[1] = Math.clamp(a[1], 0, 1);
            a[2] = Math.max(a[2], 0);
            return new org.apache.commons.math3.linear.ArrayRealVector(a, false);
        });
    }
}
