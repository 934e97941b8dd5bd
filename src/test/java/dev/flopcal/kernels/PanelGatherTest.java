package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PanelGatherTest {

    @Test
    void aFullPanelMapReadsRowsInTurnThenTheNextStep() {
        int[] map = PanelGather.maps(100, 16)[12];
        assertEquals(48, map.length);
        for (int j = 0; j < 48; j++) {
            assertEquals(j / 12 + (j % 12) * 100, map[j], "lane " + j);
        }
    }

    @Test
    void rowsPastTheEndReadTheFirstRowAndAreMaskedOff() {
        int lda = 7;
        int[] map = PanelGather.maps(lda, 8)[5];
        assertEquals(24, map.length);
        for (int j = 0; j < 24; j++) {
            int row = j % 12, step = j / 12;
            assertEquals(row < 5 ? step + row * lda : step, map[j], "lane " + j);
        }
        // lanes 0-4 and 12-16 hold rows 0-4 of steps 0 and 1
        assertEquals(0b1_1111_0000_0001_1111L, PanelGather.validLanes(5, 0, 24));
        assertEquals(0xF00FL, PanelGather.validLanes(4, 0, 16));
        // lanes 16-31 hold rows 4-11 of step 1 and rows 0-7 of step 2; lanes 32-47 rows 8-11 of step 2, 0-11 of step 3
        assertEquals(0x0F00L, PanelGather.validLanes(4, 16, 16));
        assertEquals(0x00F0L, PanelGather.validLanes(4, 32, 16));
        assertEquals(0xFFFFL, PanelGather.validLanes(12, 16, 16));
    }

    @Test
    void aMapNeverPointsPastTheLastValidRow() {
        // one valid row at the very end of A: every lane must stay inside it although 11 more rows would not exist
        int lda = Integer.MAX_VALUE / 4;
        for (int j : PanelGather.maps(lda, 16)[1]) {
            assertTrue(j >= 0 && j <= 3, "index " + j);
        }
    }

    @Test
    void onlyWidthsThatFillThreeVectorsWithWholeStepsAreSupported() {
        assertTrue(PanelGather.supports(4));
        assertTrue(PanelGather.supports(8));
        assertTrue(PanelGather.supports(16));
        assertFalse(PanelGather.supports(2));
        assertFalse(PanelGather.supports(6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PanelGather.maps(10, 2));
        assertTrue(e.getMessage().contains("2 lanes"), e.getMessage());
    }
}
