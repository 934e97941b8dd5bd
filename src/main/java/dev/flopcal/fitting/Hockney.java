package dev.flopcal.fitting;

import java.util.List;

import org.apache.commons.math3.linear.ArrayRealVector;

/**
 * Hockney's saturation model of throughput against problem size: r(n) = r∞ · n / (n + n½), where r∞ is the
 * asymptotic rate and n½ the size at which half of it is reached (Hockney and Jesshope, Parallel Computers 2,
 * 1988). One of the candidates of {@link SizeModels}; see {@link SizeModel#HOCKNEY}.
 *
 * <p>For GEMM the form follows from the cost of a product: the 2n³ operations run at r∞ while packing and
 * updating C cost time proportional to n², so r(n) = 2n³ / (2n³/r∞ + c·n²) = r∞ · n / (n + c·r∞/2).
 */
public final class Hockney {
    /** Parameter names, in order. */
    public static final List<String> PARAMETERS = SizeModel.HOCKNEY.parameters();
    /** The model, as recorded with fits. */
    public static final String FORMULA = SizeModel.HOCKNEY.formula();

    private Hockney() {
    }

    /** r(n) for given parameters. */
    public static double rate(double n, double rInf, double nHalf) {
        return SizeModel.HOCKNEY.value(n, new double[] {rInf, nHalf});
    }

    /** Fits from the data's own starting guess (r∞ = 1.2 × the highest rate, n½ = the smallest size). */
    public static FitResult fit(List<Observation> points) {
        return SizeModel.HOCKNEY.fit(points);
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
        CurveModel model = new CurveModel() {
            @Override
            public double value(double n, double[] p) {
                return SizeModel.HOCKNEY.value(n, p);
            }

            @Override
            public double[] gradient(double n, double[] p) {
                return SizeModel.HOCKNEY.gradient(n, p);
            }
        };
        return WeightedLeastSquares.fit(PARAMETERS, model, points, start.clone(),
                v -> new ArrayRealVector(SizeModel.HOCKNEY.bound(v.toArray()), false));
    }
}
