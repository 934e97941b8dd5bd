package dev.flopcal.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;

/** Parses {@code --nominal PRECISION=FLOPS} values. */
final class Nominal {
    private Nominal() {
    }

    static Map<Precision, Double> parse(List<String> entries) {
        Map<Precision, Double> m = new EnumMap<>(Precision.class);
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("--nominal '" + entry + "' is malformed; expected PRECISION=FLOPS, e.g. fp32=2.3e12");
            }
            Precision p;
            try {
                p = Precision.parse(entry.substring(0, eq));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--nominal: " + e.getMessage());
            }
            String text = entry.substring(eq + 1).trim();
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--nominal " + p + ": '" + text + "' is not a number");
            }
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new InvalidInputException("--nominal " + p + ": " + text + " is not a positive number");
            }
            m.put(p, v);
        }
        return m;
    }
}
