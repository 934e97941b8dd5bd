package dev.flopcal.fitting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.math3.distribution.TDistribution;

import dev.flopcal.core.Quantity;

/**
 * The outcome of a weighted least-squares fit.
 *
 * @param names      parameter names, in model order
 * @param parameters each parameter's value, standard error (scaled by the reduced chi-square where it exceeds 1)
 *                   and 95% interval (Student t with the fit's degrees of freedom), in model order; without a unit,
 *                   which the caller knows ({@link Quantity#withUnit}). A figure that could not be determined is
 *                   absent (see {@code reason})
 * @param r2         weighted coefficient of determination, NaN when undefined
 * @param rms        root mean square of the unweighted residuals, in y's unit
 * @param residuals  observed − fitted, in input order
 * @param fitted     fitted values, in input order
 * @param dof        degrees of freedom (points − parameters)
 * @param reason     why values or errors are missing, or null
 * @param chiSquare  Σ wᵢ·residualᵢ² with wᵢ = 1/σᵢ²; NaN when not fitted
 * @param covariance the parameters' covariance, scaled as their standard errors are; null when unknown
 * @param model      the model fitted, null when not fitted
 * @param values     the fitted parameter values in model order (NaN when not fitted)
 */
public record FitResult(List<String> names, List<Quantity> parameters, double r2, double rms, double[] residuals,
                        double[] fitted, int dof, String reason, double chiSquare, double[][] covariance,
                        CurveModel model, double[] values) {

    public FitResult {
        names = List.copyOf(names);
        parameters = List.copyOf(parameters);
        if (names.size() != parameters.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + parameters.size() + " parameters");
        }
        residuals = residuals.clone();
        fitted = fitted.clone();
        covariance = covariance == null ? null : Arrays.stream(covariance).map(double[]::clone).toArray(double[][]::new);
        values = values.clone();
    }

    /** A parameter by name. */
    public Quantity parameter(String name) {
        return parameters.get(index(name));
    }

    /** A parameter's value by name, NaN when not determined. */
    public double value(String name) {
        return parameter(name).valueOrNaN();
    }

    /** A parameter's standard error by name, NaN when not determined. */
    public double standardError(String name) {
        return parameter(name).standardErrorOrNaN();
    }

    /** True when parameter values were determined. */
    public boolean hasValues() {
        return parameters.stream().allMatch(q -> q.value() != null);
    }

    /** Number of points fitted. */
    public int points() {
        return fitted.length;
    }

    /**
     * The model's value at x with its standard error and 95% interval (Student t with the fit's degrees of freedom),
     * by the delta method: var = gᵀ·Σ·g with g the gradient at x and Σ the covariance. Unknown where the fit has no
     * values; no interval where it has no covariance.
     */
    public Quantity predict(double x) {
        if (model == null || !hasValues()) {
            return Quantity.unknown(null);
        }
        double v = model.value(x, values);
        if (covariance == null || dof <= 0) {
            return Quantity.of(v, Double.NaN, Double.NaN, Double.NaN, null);
        }
        double[] g = model.gradient(x, values);
        double var = 0;
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                var += g[i] * covariance[i][j] * g[j];
            }
        }
        double se = Math.sqrt(Math.max(0, var));
        double t = new TDistribution(dof).inverseCumulativeProbability(0.975);
        return Quantity.of(v, se, v - t * se, v + t * se, null);
    }

    /**
     * Akaike's information criterion with the small-sample correction, for comparing models fitted to the same
     * points: N·ln(χ²/N) + 2K + 2K(K + 1)/(N − K − 1), with K = parameters + 1 (the errors' common scale, which
     * is estimated too: a Gaussian likelihood whose variances are σᵢ² times an unknown factor). Lower is better;
     * differences of 2 or less are slight. NaN when not fitted or when N ≤ K + 1 (too few points to compare).
     */
    public double aicc() {
        int n = points();
        int k = names.size() + 1;
        if (!hasValues() || !(chiSquare >= 0) || n <= k + 1) {
            return Double.NaN;
        }
        double fit = n * Math.log(Math.max(chiSquare, Double.MIN_NORMAL) / n);
        return fit + 2.0 * k + 2.0 * k * (k + 1) / (n - k - 1);
    }

    @Override
    public double[] residuals() {
        return residuals.clone();
    }

    @Override
    public double[] fitted() {
        return fitted.clone();
    }

    @Override
    public double[][] covariance() {
        return covariance == null ? null : Arrays.stream(covariance).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    private int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no parameter '" + name + "'; parameters are " + names);
        }
        return i;
    }

    /** Parameters from parallel arrays of values, standard errors and interval ends (NaN where unknown). */
    static List<Quantity> parameters(double[] values, double[] standardErrors, double[] low, double[] high) {
        List<Quantity> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(Quantity.of(values[i], standardErrors[i], low[i], high[i], null));
        }
        return out;
    }

    /** A result with no fitted values, for too few points. */
    static FitResult notFitted(List<String> names, int points, String reason) {
        double[] nan = new double[names.size()];
        Arrays.fill(nan, Double.NaN);
        double[] none = new double[points];
        Arrays.fill(none, Double.NaN);
        return new FitResult(names, parameters(nan, nan, nan, nan), Double.NaN, Double.NaN, none, none,
                points - names.size(), reason, Double.NaN, null, null, nan);
    }
}
