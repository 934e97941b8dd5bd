package dev.flopcal.estimation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ordered assumption table of one estimate, filled as it is computed: every input and default used, with its
 * unit and source. The order of the calls is the order printed.
 */
final class Assumptions {
    private final Map<String, Estimate.Assumption> map = new LinkedHashMap<>();

    /** {@code given} when set, else {@code fallback} with {@code defaultSource}; recorded under {@code key}. */
    <T> T pick(String key, T given, T fallback, String unit, String defaultSource) {
        T value = given != null ? given : fallback;
        map.put(key, new Estimate.Assumption(value, unit, given != null ? "given (" + Checks.flag(key) + ")"
                : defaultSource));
        return value;
    }

    /** {@link #pick(String, Object, Object, String, String)} for a whole-number option, as a double. */
    double pick(String key, Integer given, int fallback, String unit, String defaultSource) {
        return pick(key, given, Integer.valueOf(fallback), unit, defaultSource).doubleValue();
    }

    /** Records a value that did not come from a plain given-or-default choice. */
    void put(String key, Object value, String unit, String source) {
        map.put(key, new Estimate.Assumption(value, unit, source));
    }

    Map<String, Estimate.Assumption> map() {
        return map;
    }
}
