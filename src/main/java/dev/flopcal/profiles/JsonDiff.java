package dev.flopcal.profiles;

import java.util.Iterator;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The first difference between a profile's JSON tree as recorded and as rebuilt from its inputs, as
 * {@code PATH: profile has A, AGAINST B}. Verification compares in two passes: the numbers (within a relative
 * {@link #TOLERANCE}: JSON round-trips doubles exactly, so any larger difference is an edit or a changed input),
 * then, for profiles whose text is derived too, everything else exactly.
 */
final class JsonDiff {
    /** Largest relative difference accepted between a recorded and a recomputed number. */
    static final double TOLERANCE = 1e-9;

    /** What a pass compares. */
    enum Compare {
        /** Numbers only, within {@link #TOLERANCE}; the shape of the subtrees holding them must agree too. */
        NUMBERS,
        /** Everything but numbers, exactly. */
        TEXT
    }

    private JsonDiff() {
    }

    /**
     * The first difference, depth first with object fields in name order; null if none.
     *
     * @param path       where {@code recorded} sits in the profile, e.g. {@code "precisions"}
     * @param against    what the rebuilt tree was computed from, for the message: "raw results give"
     */
    static String first(String path, JsonNode recorded, JsonNode recomputed, String against, Compare what) {
        if (what == Compare.NUMBERS && (recorded.isNumber() || recomputed.isNumber())) {
            if (!recorded.isNumber() || !recomputed.isNumber()) {
                return mismatch(path, recorded, recomputed, against);
            }
            double a = recorded.asDouble(), b = recomputed.asDouble();
            if (!(Math.abs(a - b) <= TOLERANCE * Math.max(Math.abs(a), Math.abs(b)))) {
                return path + ": profile has " + a + ", " + against + " " + b;
            }
            return null;
        }
        if (what == Compare.TEXT && recorded.isNumber() && recomputed.isNumber()) {
            return null;
        }
        if (recorded.isObject() && recomputed.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            recorded.fieldNames().forEachRemaining(names::add);
            recomputed.fieldNames().forEachRemaining(names::add);
            for (String f : names) {
                JsonNode a = recorded.path(f), b = recomputed.path(f);
                if (what == Compare.NUMBERS && !containsNumbers(a) && !containsNumbers(b)) {
                    continue;
                }
                String m = first(path + "." + f, a, b, against, what);
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        if (recorded.isArray() && recomputed.isArray() && recorded.size() == recomputed.size()) {
            for (int i = 0; i < recorded.size(); i++) {
                String m = first(path + "[" + i + "]", recorded.get(i), recomputed.get(i), against, what);
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        if (what == Compare.NUMBERS) {
            // only subtrees holding numbers get here: a container on one side only, or arrays of other sizes
            boolean container = recorded.isContainerNode() || recomputed.isContainerNode();
            return container ? mismatch(path, recorded, recomputed, against) : null;
        }
        return recorded.equals(recomputed) ? null : mismatch(path, recorded, recomputed, against);
    }

    /** How many numbers a tree holds. */
    static int countNumbers(JsonNode n) {
        if (n.isNumber()) {
            return 1;
        }
        int c = 0;
        for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
            c += countNumbers(it.next());
        }
        return c;
    }

    private static boolean containsNumbers(JsonNode n) {
        return countNumbers(n) > 0;
    }

    private static String mismatch(String path, JsonNode recorded, JsonNode recomputed, String against) {
        return path + ": profile has " + describe(recorded) + ", " + against + " " + describe(recomputed);
    }

    private static String describe(JsonNode n) {
        if (n.isMissingNode()) {
            return "nothing";
        }
        if (n.isArray()) {
            return n.size() + " entries";
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.toString();
    }
}
