package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;

class CacheLinesTest {

    @Test
    void addressesAreFoundWhereNativeAccessIsEnabled() {
        // the build's test JVM runs with --enable-native-access, as the launcher and the JMH forks do
        assertTrue(CacheLines.available(), "memset could not be linked: packed panels would never be aligned");
    }

    @Test
    void theIndexReturnedStartsACacheLine() {
        // arrays of many sizes land at many addresses: small ones in the TLAB 8 bytes apart, large ones on regions
        for (int length = 1; length < 40; length++) {
            float[] f = new float[length * 37 + CacheLines.SLACK_FLOATS];
            int i = CacheLines.floatsToLine(f);
            assertTrue(i >= 0 && i < CacheLines.SLACK_FLOATS, "index " + i);
            assertEquals(0, CacheLines.address(MemorySegment.ofArray(f).asSlice((long) i * Float.BYTES)) % 64,
                    "float[" + f.length + "] from index " + i);
            double[] d = new double[length * 37 + CacheLines.SLACK_DOUBLES];
            int j = CacheLines.doublesToLine(d);
            assertTrue(j >= 0 && j < CacheLines.SLACK_DOUBLES, "index " + j);
            assertEquals(0, CacheLines.address(MemorySegment.ofArray(d).asSlice((long) j * Double.BYTES)) % 64,
                    "double[" + d.length + "] from index " + j);
        }
        float[] large = new float[4 << 20];
        long first = 4L * CacheLines.floatsToLine(large);
        assertEquals(0, CacheLines.address(MemorySegment.ofArray(large).asSlice(first)) % 64);
    }

    @Test
    void theAddressIsThatOfTheArrayElements() {
        float[] f = new float[1000];
        long zero = CacheLines.address(MemorySegment.ofArray(f));
        assertTrue(zero > 0);
        assertEquals(zero + 4 * 123, CacheLines.address(MemorySegment.ofArray(f).asSlice(4 * 123)));
        assertEquals(0, zero % Float.BYTES);
    }
}
