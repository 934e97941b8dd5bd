package dev.flopcal.profiles;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.flopcal.core.InvalidInputException;

/** Where a precision's achieved figure comes from; profiles write the text ({@code "status"}). */
public enum FigureStatus {
    /** Measured on the machine (CPU profiles); errors are JMH's 99.9% half-widths. */
    MEASURED("measured", 0.999),
    /** Fitted from published training runs (accelerator profiles); errors are 95% interval half-widths. */
    FITTED("fitted from published runs", 0.95),
    /** A datasheet figure with no achieved rate. */
    NOMINAL_ONLY("nominal only", Double.NaN);

    private final String text;
    private final double errorConfidence;

    FigureStatus(String text, double errorConfidence) {
        this.text = text;
        this.errorConfidence = errorConfidence;
    }

    /** The text profiles write, e.g. {@code "fitted from published runs"}. */
    @JsonValue
    public String text() {
        return text;
    }

    /** Confidence level of the achieved and utilization errors of a figure of this status; NaN when it has none. */
    public double errorConfidence() {
        return errorConfidence;
    }

    /**
     * The status a profile names.
     *
     * @throws InvalidInputException naming the text and the statuses known
     */
    @JsonCreator
    public static FigureStatus parse(String text) {
        for (FigureStatus s : values()) {
            if (s.text.equals(text)) {
                return s;
            }
        }
        throw new InvalidInputException("unknown status '" + text + "'; expected measured, fitted from published runs"
                + " or nominal only");
    }

    @Override
    public String toString() {
        return text;
    }
}
