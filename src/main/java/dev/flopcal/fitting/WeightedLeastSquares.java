package dev.flopcal.fitting;

import java.util.List;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.fitting.leastsquares.ParameterValidator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.util.Pair;

/**
 * Weighted Levenberg-Marquardt (Commons Math) for one-dimensional models, keeping what {@code fit()} alone
 * throws away: the covariance, standard errors, confidence intervals, R², RMS and residuals.
 *
 * <p>Weights are 1/σ². Standard errors come from (JᵀWJ)⁻¹ scaled by the reduced chi-square where it exceeds 1, so
 * they reflect both the measurement errors and how well the model fits the points, and never claim more precision
 * than the errors give.
 */
final class WeightedLeastSquares {
    /** A model y = f(x; p) with its gradient with respect to p. */
    private WeightedLeastSquares() {
    }

    static FitResult fit(List<String> names, CurveModel model, List<Observation> points, double[] start,
                         ParameterValidator validator) {
        int n = points.size(), p = names.size();
        double[] x = new double[n], y = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            Observation o = points.get(i);
            x[i] = o.x();
            y[i] = o.y();
            w[i] = 1 / (o.sigma() * o.sigma());
        }
        MultivariateJacobianFunction f = params -> {
            double[] pv = params.toArray();
            double[] values = new double[n];
            double[][] jac = new double[n][];
            for (int i = 0; i < n; i++) {
                values[i] = model.value(x[i], pv);
                jac[i] = model.gradient(x[i], pv);
            }
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(values, false), new Array2DRowRealMatrix(jac, false));
        };
        LeastSquaresBuilder builder = new LeastSquaresBuilder().start(start).model(f).target(y)
                .weight(new DiagonalMatrix(w)).maxEvaluations(10_000).maxIterations(10_000);
        if (validator != null) {
            builder.parameterValidator(validator);
        }
        LeastSquaresOptimizer.Optimum optimum;
        try {
            optimum = new LevenbergMarquardtOptimizer().optimize(builder.build());
        } catch (TooManyEvaluationsException | ConvergenceException e) {
            return FitResult.notFitted(names, n, "Levenberg-Marquardt did not converge: " + e.getMessage());
        }
        double[] values = optimum.getPoint().toArray();
        double[] fitted = new double[n], residuals = new double[n];
        double chi2 = 0, sumSq = 0, wSum = 0, wySum = 0;
        for (int i = 0; i < n; i++) {
            fitted[i] = model.value(x[i], values);
            residuals[i] = y[i] - fitted[i];
            chi2 += w[i] * residuals[i] * residuals[i];
            sumSq += residuals[i] * residuals[i];
            wSum += w[i];
            wySum += w[i] * y[i];
        }
        double yMean = wySum / wSum, ssTot = 0;
        for (int i = 0; i < n; i++) {
            ssTot += w[i] * (y[i] - yMean) * (y[i] - yMean);
        }
        double r2 = ssTot > 0 ? 1 - chi2 / ssTot : Double.NaN;
        double rms = Math.sqrt(sumSq / n);
        int dof = n - p;
        double[] se = new double[p], lo = new double[p], hi = new double[p];
        java.util.Arrays.fill(se, Double.NaN);
        java.util.Arrays.fill(lo, Double.NaN);
        java.util.Arrays.fill(hi, Double.NaN);
        double[][] covariance = null;
        String reason = null;
        if (dof <= 0) {
            reason = n + " points for " + p + " parameters: no degrees of freedom left for an uncertainty";
        } else {
            try {
                // the weights' scale is JMH's error within one JVM: where the points scatter more than that (a
                // reduced chi-square above 1: variance between JVMs, or a model that does not fit), the intervals
                // grow with it; they never shrink below what the errors alone give
                RealMatrix cov = optimum.getCovariances(1e-14).scalarMultiply(Math.max(1, chi2 / dof));
                covariance = cov.getData();
                double t = new TDistribution(dof).inverseCumulativeProbability(0.975);
                for (int j = 0; j < p; j++) {
                    se[j] = Math.sqrt(cov.getEntry(j, j));
                    lo[j] = values[j] - t * se[j];
                    hi[j] = values[j] + t * se[j];
                }
            } catch (SingularMatrixException e) {
                reason = "the parameters are not identifiable from these points (singular covariance)";
            }
        }
        return new FitResult(names, FitResult.parameters(values, se, lo, hi), r2, rms, residuals, fitted, dof, reason,
                chi2, covariance, model, values);
    }
}
