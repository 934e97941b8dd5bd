package dev.flopcal.core;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Number formats whose throughput flopcal reports.
 *
 * <p>All seven appear in accelerator profiles; the first five ({@link #measurable()}) have GEMM kernels on
 * the JVM. Integer formats count operations (a multiply and an add are two), so their rates are op/s rather
 * than FLOP/s.
 */
public enum Precision {
    FP64("fp64", 64, false, true),
    FP32("fp32", 32, false, true),
    TF32("tf32", 19, false, false),
    BF16("bf16", 16, false, true),
    FP16("fp16", 16, false, true),
    FP8("fp8", 8, false, false),
    INT8("int8", 8, true, true);

    private final String id;
    private final int bits;
    private final boolean integer;
    private final boolean measurable;

    Precision(String id, int bits, boolean integer, boolean measurable) {
        this.id = id;
        this.bits = bits;
        this.integer = integer;
        this.measurable = measurable;
    }

    /** The lower-case name used on the command line and as a key in profiles, e.g. {@code "bf16"}. */
    public String id() {
        return id;
    }

    /** Storage width of one element in bits (tf32 counts its 19 significant bits). */
    public int bits() {
        return bits;
    }

    /** True for integer formats, whose rates are operations rather than floating-point operations. */
    public boolean isInteger() {
        return integer;
    }

    /** True when flopcal has a JVM GEMM kernel for this format. */
    public boolean isMeasurable() {
        return measurable;
    }

    /** {@code "FLOP/s"}, or {@code "op/s"} for integer formats. */
    public String rateUnit() {
        return integer ? "op/s" : "FLOP/s";
    }

    /** The formats with JVM kernels, widest first. */
    public static List<Precision> measurable() {
        return Arrays.stream(values()).filter(Precision::isMeasurable).toList();
    }

    /**
     * Parses a precision name, ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Precision parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Precision p : values()) {
            if (p.id.equals(key)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Precision::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
