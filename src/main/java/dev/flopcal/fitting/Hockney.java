package dev.flopcal.fitting;

import java.util.Comparator;
import java.util.List;

/**
 * Hockney's saturation model of throughput against problem size: r(n) = r∞ · n / (n + n½), where r∞ is the
 * asymptotic rate and n½ the size at which half of it is reached (Hockney and Jesshope, Parallel Computers 2,
 * 1988).
 *
 * <p>For GEMM the form follows from the cost of a product: the 2n³ operations run at r∞ while packing and
 * updating C cost time proportional to n², so r(n) = 2n³ / (2n³/r∞ + c·n²) = r∞ · n / (n + c·r∞/2).
 */
public final class Hockney {
    /** Parameter names, in order. */
    public static final List<String> PARAMETERS = List.of("rInf", "nHalf");
    /** The model, as recorded with fits. */
    public static final String FORMULA = "r(n) = rInf * n / (n + nHalf)";

    private Hockney() {
    }

    /** r(n) for given parameters. */
    public static double rate(double n, double rInf, double nHalf) {
        return rInf * n / (n + nHalf);
    }

    /** Fits from the data's own starting guess (r∞ = 1.2 × the highest rate, n½ = the smallest size). */
    public static FitResult fit(List<Observation> points) {
        double maxY = points.stream().mapToDouble(Observation::y).max().orElse(1);
        double minX = points.stream().map(Observation::x).min(Comparator.naturalOrder()).orElse(1.0);
        return fit(points, new double[] {1.2 * maxY, Math.max(1, minX)});
    }

    /**
     * Fits from a given start {rInf, nHalf}.
     *
     * @return NaN parameters with a reason for fewer than two distinct sizes
     */
    public static FitResult fit(List<Observation> points, double[] start) {
        long distinct = points.stream().mapToDouble(Observation::x).distinct().count();
        if (distinct < 2) {
            return FitResult.notFitted(PARAMETERS, points.size(), distinct + " size measured; the saturation model needs"
                    + " at least 2 (3 or more for an uncertainty)");
        }
        WeightedLeastSquares.Model model = new WeightedLeastSquares.Model() {
            @Override
            public double value(double n, double[] p) {
                return rate(n, p[0], p[1]);
            }

            @Override
            public double[] gradient(double n, double[] p) {
                double d = n + p[1];
                return new double[] {n / d, -p[0] * n / (d * d)};
            }
        };
        // keep r∞ positive and n½ non-negative while iterating
        return WeightedLeastSquares.fit(PARAMETERS, model, points, start.clone(), v -> {
            double[] a = v.toArray();
            a[0] = Math.max(a[0], 1e-300);
            a[1] = Math.max(a[1], 0);
            return new org.apache.commons.math3.linear.ArrayRealVector(a, false);
        });
    }
}
