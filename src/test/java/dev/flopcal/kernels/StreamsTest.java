package dev.flopcal.kernels;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;

class StreamsTest {
    private static final int[] LENGTHS = {1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 97, 1023};
    private static final int[] FROMS = {0, 1, 3, 8};
    private final Streams vector = new VectorStreams();
    private final Streams scalar = new ScalarStreams();

    @Test
    void bytesPerElementFollowStreamsConvention() {
        assertEquals(8, StreamKernel.READ.bytesPerElement());
        assertEquals(8, StreamKernel.WRITE.bytesPerElement());
        assertEquals(16, StreamKernel.COPY.bytesPerElement());
        assertEquals(24, StreamKernel.TRIAD.bytesPerElement());
        assertEquals(3, StreamKernel.TRIAD.streams());
        assertEquals(StreamKernel.COPY, StreamKernel.parse("copy"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StreamKernel.parse("scale"));
        assertEquals("unknown bandwidth kernel 'scale'; expected read, write, copy or triad", e.getMessage());
    }

    @Test
    void readSumsEveryElementOfEveryPass() {
        try (Arena arena = Arena.ofConfined()) {
            for (int from : FROMS) {
                for (int length : LENGTHS) {
                    MemorySegment a = filled(arena, from + length + 5, i -> i % 17);
                    double expected = 0; // integers: every order of summation gives this exactly
                    for (int i = from; i < from + length; i++) {
                        expected += i % 17;
                    }
                    for (int passes : new int[] {1, 3}) {
                        String where = "from " + from + " length " + length + " passes " + passes;
                        assertEquals(passes * expected, scalar.read(a, from, from + length, passes), where);
                        assertEquals(passes * expected, vector.read(a, from, from + length, passes), where);
                    }
                }
            }
        }
    }

    @Test
    void writeFillsTheRangeAndNothingElse() {
        try (Arena arena = Arena.ofConfined()) {
            for (int from : FROMS) {
                for (int length : LENGTHS) {
                    MemorySegment v = filled(arena, from + length + 5, i -> -1);
                    MemorySegment s = filled(arena, from + length + 5, i -> -1);
                    vector.write(v, 2.5, from, from + length, 2);
                    scalar.write(s, 2.5, from, from + length, 2);
                    double[] expected = new double[from + length + 5];
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = i >= from && i < from + length ? 2.5 : -1;
                    }
                    assertArrayEquals(expected, s.toArray(JAVA_DOUBLE), "scalar from " + from + " length " + length);
                    assertArrayEquals(expected, v.toArray(JAVA_DOUBLE), "vector from " + from + " length " + length);
                }
            }
        }
    }

    @Test
    void vectorCopyAndTriadEqualTheScalarTwinsIncludingTails() {
        try (Arena arena = Arena.ofConfined()) {
            for (int from : FROMS) {
                for (int length : LENGTHS) {
                    int n = from + length + 5;
                    MemorySegment b = filled(arena, n, i -> i * 0.5), c = filled(arena, n, i -> 1.0 / (i + 1));
                    MemorySegment cv = filled(arena, n, i -> -1), cs = filled(arena, n, i -> -1);
                    vector.copy(cv, b, from, from + length, 2);
                    scalar.copy(cs, b, from, from + length, 2);
                    assertArrayEquals(cs.toArray(JAVA_DOUBLE), cv.toArray(JAVA_DOUBLE), "copy from " + from + " length " + length);
                    assertEquals(-1, cv.getAtIndex(JAVA_DOUBLE, from + length), "elements past 'to' are untouched");
                    assertEquals(b.getAtIndex(JAVA_DOUBLE, from), cv.getAtIndex(JAVA_DOUBLE, from));

                    MemorySegment tv = filled(arena, n, i -> -1), ts = filled(arena, n, i -> -1);
                    vector.triad(tv, b, c, 3.0, from, from + length, 3);
                    scalar.triad(ts, b, c, 3.0, from, from + length, 3);
                    assertArrayEquals(ts.toArray(JAVA_DOUBLE), tv.toArray(JAVA_DOUBLE), "triad from " + from + " length " + length);
                    assertEquals(Math.fma(c.getAtIndex(JAVA_DOUBLE, from), 3.0, b.getAtIndex(JAVA_DOUBLE, from)),
                            tv.getAtIndex(JAVA_DOUBLE, from));
                    if (from > 0) {
                        assertEquals(-1, tv.getAtIndex(JAVA_DOUBLE, from - 1), "elements before 'from' are untouched");
                    }
                }
            }
        }
    }

    @Test
    void zeroPassesAndEmptyRangesDoNothing() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = filled(arena, 40, i -> 1);
            assertEquals(0.0, vector.read(a, 0, 40, 0));
            assertEquals(0.0, vector.read(a, 5, 5, 4));
            vector.write(a, 7, 3, 3, 2);
            assertEquals(40.0, scalar.read(a, 0, 40, 1));
        }
    }

    @Test
    void aRangeBeyondTheSegmentIsRejected() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = filled(arena, 40, i -> 1);
            assertThrows(IndexOutOfBoundsException.class, () -> vector.read(a, 0, 41, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> scalar.read(a, 0, 41, 1));
        }
    }

    private static MemorySegment filled(Arena arena, int n, java.util.function.IntToDoubleFunction f) {
        MemorySegment s = arena.allocate((long) n * Double.BYTES, 64);
        for (int i = 0; i < n; i++) {
            s.setAtIndex(JAVA_DOUBLE, i, f.applyAsDouble(i));
        }
        return s;
    }
}
