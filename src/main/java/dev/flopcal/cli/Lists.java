package dev.flopcal.cli;

import java.util.ArrayList;
import java.util.List;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;

/** Parses comma-separated option values, naming the option and the bad element on error. */
final class Lists {
    private Lists() {
    }

    static List<String> split(String option, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(option + " is empty");
        }
        List<String> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                throw new InvalidInputException(option + " '" + text + "' is malformed: empty element in the list");
            }
            out.add(part.trim());
        }
        return out;
    }

    static List<Integer> ints(String option, String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : split(option, text)) {
            try {
                out.add(Integer.parseInt(part));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(option + ": '" + part + "' is not an integer (in '" + text + "')");
            }
        }
        return out;
    }

    static List<Precision> precisions(String option, String text) {
        List<Precision> out = new ArrayList<>();
        for (String part : split(option, text)) {
            try {
                out.add(Precision.parse(part));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(option + ": " + e.getMessage());
            }
        }
        return out;
    }
}
