package dev.flopcal.core;

import java.util.Locale;

/** Human-readable numbers with SI prefixes, for tables and charts. */
public final class Units {
    private static final String[] PREFIX = {"", "k", "M", "G", "T", "P", "E"};

    private Units() {
    }

    /** A rate with an SI prefix, e.g. {@code rate(1.234e11, "FLOP/s")} → "123.4 GFLOP/s"; "n/a" for null/NaN. */
    public static String rate(Double value, String unit) {
        if (value == null || Double.isNaN(value)) {
            return "n/a";
        }
        double v = Math.abs(value);
        int i = 0;
        while (v >= 1000 && i < PREFIX.length - 1) {
            v /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, "%s%.4g %s%s", value < 0 ? "-" : "", v, PREFIX[i], unit).replace("e+", "e");
    }

    /** A fraction as a percentage with one decimal, e.g. 0.8312 → "83.1%"; "n/a" for null/NaN. */
    public static String percent(Double fraction) {
        return fraction == null || Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /**
     * A confidence level as a percentage without a needless ".0", e.g. 0.95 → "95%", 0.999 → "99.9%"; "n/a" for
     * null/NaN.
     */
    public static String confidence(Double level) {
        return percent(level).replace(".0%", "%");
    }

    /**
     * A fraction and its uncertainty as percentages, e.g. (0.524, 0.079) → "52.4% ±7.9 pp" (percentage points);
     * just the percentage when the error is null or NaN; "n/a" for a null or NaN fraction.
     */
    public static String percentWithError(Double fraction, Double error) {
        if (fraction == null || Double.isNaN(fraction)) {
            return "n/a";
        }
        return error == null || Double.isNaN(error) ? percent(fraction)
                : String.format(Locale.ROOT, "%.1f%% ±%.1f pp", 100 * fraction, 100 * error);
    }

    /** A ratio with three decimals, e.g. "0.831"; "n/a" for null/NaN. */
    public static String ratio(Double r) {
        return r == null || Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.3f", r);
    }

    /** Relative error as "±2.1%"; empty when unknown. */
    public static String plusMinus(Double error, double value) {
        return error == null || Double.isNaN(error) ? "" : String.format(Locale.ROOT, "±%.1f%%", 100 * error / value);
    }

    /** Seconds as "1m 05s" or "4.2 s". */
    public static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }

    /** Clock in GHz with three decimals. */
    public static String ghz(Double hz) {
        return hz == null || Double.isNaN(hz) ? "n/a" : String.format(Locale.ROOT, "%.3f GHz", hz / 1e9);
    }

    /** A count with its noun, in the plural unless it is one: (1, "thread") → "1 thread", (4, "run") → "4 runs". */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * A number for a tick label, without a needless fraction: 0.01, 0.5, 2, 150, 1000; a fraction to three
     * significant digits, trailing zeros dropped (0.0125, 2.46), in Java's exponent form outside [10⁻⁴, 1000)
     * (1.50e-05).
     */
    public static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** A value with an SI prefix and no unit, for tick labels, e.g. 1e11 → "100 G", 2.5e12 → "2.5 T", 10 → "10". */
    public static String si(double v) {
        Scale s = Scale.of(v);
        return (plain(v / s.factor()) + " " + s.prefix()).strip();
    }

    /**
     * One SI prefix for a whole axis, chosen by its largest value: that value divided by {@link #factor} falls in
     * [1, 1000) (below 1 only when the value itself is). Unlike {@link #rate}, which picks a prefix per value, the
     * choice tolerates a maximum a rounding error below a power of 1000 (999.9999999999e9 is "T").
     *
     * @param factor 1, 1e3, 1e6, ... 1e18
     * @param prefix "", "k", "M", "G", "T", "P", "E"
     */
    public record Scale(double factor, String prefix) {
        /** The scale for values up to {@code max} (any finite number; below 1000, no prefix). */
        public static Scale of(double max) {
            int i = 0;
            double f = 1;
            while (max / f >= 1000 * (1 - 1e-9) && i < PREFIX.length - 1) {
                f *= 1000;
                i++;
            }
            return new Scale(f, PREFIX[i]);
        }
    }
}
