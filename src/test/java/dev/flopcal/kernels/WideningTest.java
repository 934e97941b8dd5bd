package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The vector widenings used while packing narrow B panels, against the JDK's scalar conversions, on every value. */
class WideningTest {
    private static final int L = Fp32Engine.L;

    @BeforeEach
    void vectorWideningInUse() {
        assumeTrue(Fp32Engine.SS != null, "float vectors narrower than 256 bits widen element by element");
    }

    @Test
    void fp16WidensBitForBitAsFloat16ToFloatForAllValues() {
        short[] src = new short[1 << 16];
        for (int i = 0; i < src.length; i++) {
            src[i] = (short) i;
        }
        float[] dst = new float[src.length + 3];
        for (int s = 0; s < src.length; s += L) {
            Fp32Engine.widenFp16(src, s, dst, s + 3); // an output offset that is not a multiple of the lanes
        }
        for (int i = 0; i < src.length; i++) {
            int expected = Float.floatToRawIntBits(Float.float16ToFloat(src[i]));
            int actual = Float.floatToRawIntBits(dst[i + 3]);
            if (expected != actual) {
                assertEquals(Integer.toHexString(expected), Integer.toHexString(actual),
                        "fp16 bits 0x" + Integer.toHexString(i));
            }
        }
    }

    @Test
    void bf16WidensToTheUpperHalfOfTheFloatForAllValues() {
        short[] src = new short[(1 << 16) + 1];
        for (int i = 0; i < src.length; i++) {
            src[i] = (short) (i - 1);
        }
        float[] dst = new float[src.length];
        for (int s = 1; s + L <= src.length; s += L) {
            Fp32Engine.widenBf16(src, s, dst, s);
        }
        for (int i = 1; i < src.length; i++) {
            assertEquals(Float.floatToRawIntBits(Bf16.toFloat(src[i])), Float.floatToRawIntBits(dst[i]),
                    "bf16 bits 0x" + Integer.toHexString(src[i] & 0xFFFF));
        }
    }

    @Test
    void int8WidensToItsValueForAllValues() {
        byte[] src = new byte[256 + 5];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) i;
        }
        float[] dst = new float[src.length];
        for (int s = 5; s + L <= src.length; s += L) {
            Fp32Engine.widenInt8(src, s, dst, s);
        }
        for (int i = 5; i < src.length; i++) {
            assertEquals(src[i], dst[i], "int8 " + src[i]);
        }
    }
}
