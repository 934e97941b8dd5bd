package dev.flopcal.fitting;

/**
 * One point to fit: abscissa x, observed y and the standard deviation of y.
 *
 * @param x     abscissa (size n, threads, ...)
 * @param y     observed value
 * @param sigma standard deviation of y, positive
 */
public record Observation(double x, double y, double sigma) {
    public Observation {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma + " at x=" + x);
        }
    }
}
