package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlockingTest {

    @Test
    void aMicroPanelTakesHalfOfL1TheABlockAFifthOfL2AndTheSweptBAQuarter() {
        // the development VM: 48 KiB L1d, 2 MiB L2, 12×32 fp32 and 12×16 fp64 tiles
        // fp32: kc = 48 KiB / (12 · 4) = 1024; mc = 2 MiB / 5 / (1024 · 4) = 102 → 96 (8 tiles); nb = 2 MiB / 4 / 4 KiB = 128;
        // unpacked B up to half of L2: 1 MiB / 4 = 262144 elements
        assertEquals(new Blocking(1024, 96, 4096, 128, Blocking.Order.A_PANEL_OUTER, 262144),
                Blocking.forCaches(48 * 1024, 2 * 1024 * 1024, 4, 12, 32));
        // fp64: kc = 48 KiB / (12 · 8) = 512, and the same bytes per row of a block; 1 MiB / 8 = 131072
        assertEquals(new Blocking(512, 96, 4096, 128, Blocking.Order.A_PANEL_OUTER, 131072),
                Blocking.forCaches(48 * 1024, 2 * 1024 * 1024, 8, 12, 16));
        // 32 KiB / 1 MiB, fp32: kc = 32 KiB / 48 = 682 → 672; mc = 1 MiB / 5 / 2688 = 78 → 72; nb = 256 KiB / 2688 = 97 → 96;
        // 512 KiB / 4 = 131072
        assertEquals(new Blocking(672, 72, 4096, 96, Blocking.Order.A_PANEL_OUTER, 131072),
                Blocking.forCaches(32 * 1024, 1024 * 1024, 4, 12, 32));
    }

    @Test
    void extremeCachesStayWithinBounds() {
        assertEquals(64, Blocking.forCaches(1024, 1024, 8, 12, 16).kc());
        assertEquals(12, Blocking.forCaches(1024, 1024, 8, 12, 16).mc());
        assertEquals(16, Blocking.forCaches(1024, 1024, 8, 12, 16).nb());
        assertEquals(1024, Blocking.forCaches(1L << 30, 1L << 30, 4, 6, 32).kc());
        assertEquals(4096 / 6 * 6, Blocking.forCaches(1L << 30, 1L << 40, 4, 6, 32).mc());
        assertEquals(4096, Blocking.forCaches(1L << 30, 1L << 40, 4, 6, 32).nb());
    }

    @Test
    void nonPositiveSizesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Blocking(0, 96, 4096));
        assertEquals("blocking sizes must be positive, got kc=0 mc=96 nc=4096 nb=4096", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Blocking(256, 96, 4096, -1, Blocking.Order.A_PANEL_OUTER));
        assertEquals("blocking sizes must be positive, got kc=256 mc=96 nc=4096 nb=-1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Blocking(256, 96, 4096, 128, Blocking.Order.A_PANEL_OUTER, -1));
        assertEquals("smallB must be 0 or more, got -1", e.getMessage());
    }

    @Test
    void theTextNamesNbOnlyWhereItIsUsed() {
        assertEquals("kc=512 mc=192 nc=4096 nb=256 A_PANEL_OUTER",
                new Blocking(512, 192, 4096, 256, Blocking.Order.A_PANEL_OUTER).toString());
        assertEquals("kc=512 mc=96 nc=4096 B_PANEL_OUTER", new Blocking(512, 96, 4096).toString());
    }

    @Test
    void theTextNamesSmallBOnlyWhenSomeProductsAreNotPacked() {
        assertEquals("kc=512 mc=192 nc=4096 nb=256 A_PANEL_OUTER smallB=65536",
                new Blocking(512, 192, 4096, 256, Blocking.Order.A_PANEL_OUTER).withSmallB(65536).toString());
    }
}
