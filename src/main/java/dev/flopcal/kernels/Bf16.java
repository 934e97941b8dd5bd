package dev.flopcal.kernels;

/**
 * bfloat16 conversions. A bf16 value is the upper half of an IEEE binary32: 1 sign bit, 8 exponent bits and 7
 * fraction bits, stored here in a {@code short}.
 */
public final class Bf16 {
    private Bf16() {
    }

    /** Widens exactly: every bf16 value is a float. */
    public static float toFloat(short bits) {
        return Float.intBitsToFloat(bits << 16);
    }

    /** Rounds to the nearest bf16, ties to even; NaN stays NaN. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }
}
