package dev.flopcal.fitting;

import java.util.List;

/**
 * The outcome of a weighted least-squares fit.
 *
 * @param names         parameter names, in model order
 * @param values        fitted parameters; NaN when the fit could not be made (see {@code reason})
 * @param standardErrors one standard error each, scaled by the reduced chi-square; NaN without degrees of freedom
 * @param ciLow         lower 95% bounds (Student t with the fit's degrees of freedom)
 * @param ciHigh        upper 95% bounds
 * @param r2            weighted coefficient of determination, NaN when undefined
 * @param rms           root mean square of the unweighted residuals, in y's unit
 * @param residuals     observed − fitted, in input order
 * @param fitted        fitted values, in input order
 * @param dof           degrees of freedom (points − parameters)
 * @param reason        why values or errors are NaN, or null
 */
public record FitResult(List<String> names, double[] values, double[] standardErrors, double[] ciLow, double[] ciHigh,
                        double r2, double rms, double[] residuals, double[] fitted, int dof, String reason) {

    public FitResult {
        names = List.copyOf(names);
        values = values.clone();
        standardErrors = standardErrors.clone();
        ciLow = ciLow.clone();
        ciHigh = ciHigh.clone();
        residuals = residuals.clone();
        fitted = fitted.clone();
    }

    /** A parameter's value by name. */
    public double value(String name) {
        return values[index(name)];
    }

    /** A parameter's standard error by name. */
    public double standardError(String name) {
        return standardErrors[index(name)];
    }

    /** True when parameter values were determined. */
    public boolean hasValues() {
        for (double v : values) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    @Override
    public double[] ciLow() {
        return ciLow.clone();
    }

    @Override
    public double[] ciHigh() {
        return ciHigh.clone();
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

    /** A result with no fitted values, for too few points. */
    static FitResult notFitted(List<String> names, int points, String reason) {
        int p = names.size();
        double[] nan = new double[p];
        java.util.Arrays.fill(nan, Double.NaN);
        double[] none = new double[points];
        java.util.Arrays.fill(none, Double.NaN);
        return new FitResult(names, nan, nan, nan, nan, Double.NaN, Double.NaN, none, none, points - p, reason);
    }
}
