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
}
