package dev.flopcal.fitting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.flopcal.core.Quantity;

/**
 * The outcome of a weighted least-squares fit.
 *
 * @param names      parameter names, in model order
 * @param parameters each parameter's value, standard error (scaled by the reduced chi-square) and 95% interval
 *                   (Student t with the fit's degrees of freedom), in model order; without a unit, which the
 *                   caller knows ({@link Quantity#withUnit}). A figure that could not be determined is absent (see
 *                   {@code reason})
 * @param r2         weighted coefficient of determination, NaN when undefined
 * @param rms        root mean square of the unweighted residuals, in y's unit
 * @param residuals  observed − fitted, in input order
 * @param fitted     fitted values, in input order
 * @param dof        degrees of freedom (points − parameters)
 * @param reason     why values or errors are missing, or null
 */
public record FitResult(List<String> names, List<Quantity> parameters, double r2, double rms, double[] residuals,
                        double[] fitted, int dof, String reason) {

    public FitResult {
        names = List.copyOf(names);
        parameters = List.copyOf(parameters);
        if (names.size() != parameters.size()) {
            throw new IllegalArgumentException(names.size() + " names for " + parameters.size() + " parameters");
        }
        residuals = residuals.clone();
        fitted = fitted.clone();
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

    @Override
    public double[] residuals() {
        return residuals.clone();
    }

    @Override
    public double[] fitted() {
        return fitted.clone();
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
                points - names.size(), reason);
    }
}
