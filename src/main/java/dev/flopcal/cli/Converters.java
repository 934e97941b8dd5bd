package dev.flopcal.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import dev.flopcal.core.Precision;

/**
 * Converters for flopcal's option values. picocli reports a failed conversion as "Invalid value for option
 * '--name': " and the message, with exit code 2 ({@link Main#configure}); every message names the bad value.
 * Ranges that depend on the machine or the plan (sizes, thread counts) are the library's to check.
 */
final class Converters {
    private Converters() {
    }

    /** A precision name in any case, e.g. {@code bf16}. */
    static class PrecisionName implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            try {
                return Precision.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A precision in a comma-separated list. */
    static final class PrecisionElement extends PrecisionName {
        @Override
        public Precision convert(String value) {
            return super.convert(element(value));
        }
    }

    /** A whole number in a comma-separated list, e.g. a size. */
    static final class IntegerElement implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return Integer.parseInt(element(value).trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not an integer");
            }
        }
    }

    /** A whole number from 1, e.g. a count of rounds. */
    static final class PositiveInteger implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not an integer");
            }
            if (n < 1) {
                throw new TypeConversionException(value + " is not a positive integer");
            }
            return n;
        }
    }

    /**
     * A peak rate of a {@code PRECISION=FLOPS} entry: FLOP/s (op/s for int8), a finite number above 0, e.g.
     * {@code 2.3e12}. An entry without {@code =} reaches it as the empty text.
     */
    static final class Flops implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String text = value.trim();
            if (text.isEmpty()) {
                throw new TypeConversionException("a precision without its figure; expected PRECISION=FLOPS, e.g."
                        + " fp32=2.3e12");
            }
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is not a number");
            }
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new TypeConversionException(text + " is not a positive number");
            }
            return v;
        }
    }

    private static String element(String value) {
        if (value.isBlank()) {
            throw new TypeConversionException("empty element in the list");
        }
        return value;
    }
}
