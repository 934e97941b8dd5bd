package dev.flopcal.profiles;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A fitted or derived number with its uncertainty.
 *
 * @param value         the estimate; null when it could not be determined (see the owning object's reason)
 * @param standardError one standard error, same unit; null when unknown
 * @param ci95          95% confidence interval [low, high]; null when unknown
 * @param unit          e.g. "FLOP/s", "1", "n"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Estimate(Double value, Double standardError, List<Double> ci95, String unit) {

    /** An estimate, mapping NaN to null. */
    public static Estimate of(double value, double standardError, double low, double high, String unit) {
        return new Estimate(nullIfNaN(value), nullIfNaN(standardError),
                Double.isNaN(low) || Double.isNaN(high) ? null : List.of(low, high), unit);
    }

    /** An undetermined estimate. */
    public static Estimate unknown(String unit) {
        return new Estimate(null, null, null, unit);
    }

    static Double nullIfNaN(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
