package dev.flopcal.fitting;

/** A model y = f(x; p) with its gradient with respect to the parameters p, as the fitter needs it. */
public interface CurveModel {
    /** f(x; p). */
    double value(double x, double[] p);

    /** ∂f/∂p at x, one entry per parameter. */
    double[] gradient(double x, double[] p);
}
