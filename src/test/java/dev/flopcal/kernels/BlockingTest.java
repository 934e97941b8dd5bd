package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlockingTest {

    @Test
    void bMicroPanelIsAboutFourThirdsOfL1AndTheABlockATenthOfL2() {
        // the development VM: 48 KiB L1d, 2 MiB L2, 12×32 fp32 and 12×16 fp64 tiles (128-byte rows of B panels)
        assertEquals(new Blocking(512, 96, 4096), Blocking.forCaches(48 * 1024, 2 * 1024 * 1024, 4, 12, 32));
        assertEquals(new Blocking(512, 48, 4096), Blocking.forCaches(48 * 1024, 2 * 1024 * 1024, 8, 12, 16));
        // 32 KiB / 1 MiB: kc = 43690 / 128 rounded down to 16 → 336; mc = 1 MiB / 10 / (336 · 4) = 78 → 72
        assertEquals(new Blocking(336, 72, 4096), Blocking.forCaches(32 * 1024, 1024 * 1024, 4, 12, 32));
    }

    @Test
    void extremeCachesStayWithinBounds() {
        assertEquals(64, Blocking.forCaches(1024, 1024, 8, 12, 16).kc());
        assertEquals(12, Blocking.forCaches(1024, 1024, 8, 12, 16).mc());
        assertEquals(1024, Blocking.forCaches(1L << 30, 1L << 30, 4, 6, 32).kc());
        assertEquals(4096 / 6 * 6, Blocking.forCaches(1L << 30, 1L << 40, 4, 6, 32).mc());
    }

    @Test
    void nonPositiveSizesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Blocking(0, 96, 4096));
        assertEquals("blocking sizes must be positive, got kc=0 mc=96 nc=4096", e.getMessage());
    }
}
