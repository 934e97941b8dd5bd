package dev.flopcal.measurement;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JMH score unit and its conversion to operations per second. JMH writes {@code ops/TU} for throughput and
 * {@code TU/op} for average time, sample time and single-shot time, where TU is one of its time units: {@code ns},
 * {@code us}, {@code ms}, {@code s}, {@code min}, {@code hr}, {@code day} (JMH's {@code TimeValue.tuToString}).
 *
 * <p>A throughput score converts linearly: x ops/min is x/60 ops/s, and its error likewise. A time score inverts:
 * t s/op is 1/t ops/s. The inversion is not linear, so JMH's symmetric interval t ± e becomes the asymmetric
 * [1/(t+e), 1/(t−e)]; the converted error keeps the relative error instead, e/t of the rate (the first-order,
 * delta-method error of 1/t: d(1/t) = −dt/t², so σ(1/t) ≈ σ(t)/t² = (1/t)·σ(t)/t). With x = e/t, the two true
 * half-widths are (1/t)·x/(1 − x) above and (1/t)·x/(1 + x) below: the converted (1/t)·x is their mean within a
 * factor 1 − x² (1% at x = 10%), while each side alone differs by the factor 1 ∓ x; where e approaches t the upper
 * bound is unbounded and the symmetric error understates it. Each raw iteration value is inverted on its own.
 *
 * @param text       the unit as JMH writes it, e.g. "ops/min" or "us/op"
 * @param throughput true for ops per time unit, false for time per op
 * @param seconds    length of the time unit in seconds
 */
public record ScoreUnit(String text, boolean throughput, double seconds) {
    private static final Map<String, Double> TIME_UNITS = Map.of("ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0,
            "min", 60.0, "hr", 3600.0, "day", 86400.0);
    /** JMH's time units, shortest first, as they appear in its unit strings. */
    public static final List<String> TIME_UNIT_NAMES = List.of("ns", "us", "ms", "s", "min", "hr", "day");

    /** The unit of a JMH score, or empty when it is not one of JMH's throughput or time units. */
    public static Optional<ScoreUnit> parse(String unit) {
        String u = unit == null ? "" : unit.strip();
        if (u.startsWith("ops/") && TIME_UNITS.containsKey(u.substring(4))) {
            return Optional.of(new ScoreUnit(u, true, TIME_UNITS.get(u.substring(4))));
        }
        if (u.endsWith("/op") && TIME_UNITS.containsKey(u.substring(0, u.length() - 3))) {
            return Optional.of(new ScoreUnit(u, false, TIME_UNITS.get(u.substring(0, u.length() - 3))));
        }
        return Optional.empty();
    }

    /** The units {@link #parse} accepts, for messages: "ops/ns, ..., ops/day, ns/op, ..., day/op". */
    public static String accepted() {
        return String.join(", ", TIME_UNIT_NAMES.stream().map(t -> "ops/" + t).toList()) + ", "
                + String.join(", ", TIME_UNIT_NAMES.stream().map(t -> t + "/op").toList());
    }

    /** A score in this unit as operations per second: score / seconds, or 1 / (score × seconds) for a time. */
    public double perSecond(double score) {
        return throughput ? score / seconds : 1 / (score * seconds);
    }

    /**
     * JMH's error of a score (a half-width in this unit) as a half-width in operations per second: scaled like the
     * score for a throughput, and for a time the same relative error of the inverted rate (see the class comment).
     * NaN stays NaN.
     */
    public double errorPerSecond(double score, double error) {
        return throughput ? error / seconds : perSecond(score) * (error / score);
    }
}
