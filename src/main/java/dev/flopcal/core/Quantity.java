package dev.flopcal.core;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A number with its unit and uncertainty: a fitted parameter, a mean over runs, a measured plateau. The one type
 * for such figures across the code and in profiles ({@code {"value", "standardError", "ci95", "unit"}}).
 *
 * @param value         the estimate; null when it could not be determined (the owner says why)
 * @param standardError one standard error, same unit; null when unknown
 * @param ci95          95% confidence interval [low, high], same unit; null when unknown
 * @param unit          e.g. "FLOP/s", "1", "n"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Quantity(Double value, Double standardError, List<Double> ci95, String unit) {

    public Quantity {
        if (ci95 != null) {
            if (ci95.size() != 2) {
                throw new IllegalArgumentException("ci95 holds [low, high], got " + ci95);
            }
            ci95 = List.copyOf(ci95);
        }
    }

    /** A quantity, mapping NaN and infinities to "unknown". */
    public static Quantity of(double value, double standardError, double low, double high, String unit) {
        return new Quantity(nullIfNaN(value), nullIfNaN(standardError),
                Double.isFinite(low) && Double.isFinite(high) ? List.of(low, high) : null, unit);
    }

    /** An undetermined quantity. */
    public static Quantity unknown(String unit) {
        return new Quantity(null, null, null, unit);
    }

    /** The same figures in another unit name (for a fitter's parameters, which it knows by position only). */
    public Quantity withUnit(String newUnit) {
        return new Quantity(value, standardError, ci95, newUnit);
    }

    /** The value, NaN when unknown. */
    @JsonIgnore
    public double valueOrNaN() {
        return value == null ? Double.NaN : value;
    }

    /** The standard error, NaN when unknown. */
    @JsonIgnore
    public double standardErrorOrNaN() {
        return standardError == null ? Double.NaN : standardError;
    }

    /** True when the interval is known. */
    @JsonIgnore
    public boolean hasInterval() {
        return ci95 != null;
    }

    /** Lower end of the 95% interval, NaN when unknown. */
    @JsonIgnore
    public double low() {
        return ci95 == null ? Double.NaN : ci95.get(0);
    }

    /** Upper end of the 95% interval, NaN when unknown. */
    @JsonIgnore
    public double high() {
        return ci95 == null ? Double.NaN : ci95.get(1);
    }

    /** Half the width of the 95% interval, NaN when unknown. */
    @JsonIgnore
    public double halfWidth() {
        return ci95 == null ? Double.NaN : (ci95.get(1) - ci95.get(0)) / 2;
    }

    /** {@code v} boxed, or null when NaN or infinite: how profiles write a figure that could not be determined. */
    public static Double nullIfNaN(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
