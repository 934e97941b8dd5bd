package dev.flopcal.estimation;

import java.util.Locale;

import dev.flopcal.core.InvalidInputException;

/** Range checks whose messages name the option (as its command-line flag) and the bad value. */
final class Checks {
    private Checks() {
    }

    /** {@code dModel} -> {@code --d-model}: job-file keys and flags are the same words. */
    static String flag(String key) {
        StringBuilder flag = new StringBuilder("--");
        for (char c : key.toCharArray()) {
            if (Character.isUpperCase(c)) {
                flag.append('-').append(Character.toLowerCase(c));
            } else {
                flag.append(c);
            }
        }
        return flag.toString();
    }

    static String show(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        // the shortest text that reads back as the same double, written as users type it: 1e23, 0.5, 2.5e-5
        return Double.toString(value).replace(".0E", "E").replace('E', 'e');
    }

    /** An option as the user would type it: the flag and the value, e.g. {@code --params 7000000000}. */
    static String given(String key, Object value) {
        return flag(key) + " " + (value instanceof Double d ? show(d) : String.valueOf(value));
    }

    static InvalidInputException bad(String key, Object value, String expected) {
        return new InvalidInputException(given(key, value) + ": " + expected);
    }

    /** Value must be finite and greater than zero. */
    static void positive(String key, Double value) {
        if (value != null && !(Double.isFinite(value) && value > 0)) {
            throw bad(key, value, "expected a finite number greater than 0");
        }
    }

    /** Value must be a whole number of at least {@code min}. */
    static void atLeast(String key, Integer value, int min) {
        if (value != null && value < min) {
            throw bad(key, value, "expected a whole number of at least " + min);
        }
    }

    /** Value must be finite and at least {@code min}. */
    static void atLeast(String key, Double value, double min) {
        if (value != null && !(Double.isFinite(value) && value >= min)) {
            throw bad(key, value, "expected a finite number of at least " + show(min));
        }
    }

    /** Value must be finite and in [lower, upper] (or (lower, upper] when {@code openLower}). */
    static void range(String key, Double value, double lower, boolean openLower, double upper) {
        if (value == null) {
            return;
        }
        boolean aboveLower = openLower ? value > lower : value >= lower;
        if (!(Double.isFinite(value) && aboveLower && value <= upper)) {
            throw bad(key, value, "expected a number in " + (openLower ? "(" : "[") + show(lower) + ", " + show(upper) + "]");
        }
    }

    /** Value must be a whole number in [lower, upper]. */
    static void range(String key, Integer value, int lower, int upper) {
        if (value != null && (value < lower || value > upper)) {
            throw bad(key, value, "expected a whole number from " + lower + " to " + upper);
        }
    }

    /** Value must be in [0, 1). */
    static void fraction(String key, Double value) {
        if (value != null && !(Double.isFinite(value) && value >= 0 && value < 1)) {
            throw bad(key, value, "expected a fraction in [0, 1)");
        }
    }
}
