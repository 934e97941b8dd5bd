package dev.flopcal.profiles;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.flopcal.core.InvalidInputException;

/** What a precision's nominal peak is; profiles write the text ({@code "nominalKind"}). */
public enum NominalKind {
    /** A figure from the accelerator catalog, i.e. a vendor datasheet. */
    DATASHEET("datasheet"),
    /** A figure the user supplied with {@code --nominal}. */
    USER("user"),
    /** Per-cycle rate × a clock the OS or a spec table gives. */
    TABLE("table"),
    /**
     * Per-cycle rate × the clock the measured fp32 FMA ceiling implies (where the OS hides the clock): fp32's
     * nominal is then the measured ceiling itself, and its utilization the same ratio as achieved / ceiling.
     */
    CEILING_DERIVED("ceiling-derived");

    private final String text;

    NominalKind(String text) {
        this.text = text;
    }

    @JsonValue
    public String text() {
        return text;
    }

    /** @throws InvalidInputException naming the text and the kinds known */
    @JsonCreator
    public static NominalKind parse(String text) {
        for (NominalKind k : values()) {
            if (k.text.equals(text)) {
                return k;
            }
        }
        throw new InvalidInputException("unknown nominalKind '" + text + "'; expected datasheet, user, table or"
                + " ceiling-derived");
    }

    @Override
    public String toString() {
        return text;
    }
}
