package dev.flopcal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.flopcal.hardware.AcceleratorCatalog;

class ChipGroupsTest {
    @Test
    void rowsThatDifferOnlyInMemoryAreOneChip() {
        ChipGroups chips = ChipGroups.of(AcceleratorCatalog.shipped());
        assertEquals("a100-sxm-40gb/a100-sxm-80gb", chips.groupOf("a100-sxm-80gb"));
        assertEquals("a100-sxm-40gb/a100-sxm-80gb", chips.groupOf("a100-sxm-40gb"));
        assertEquals("h100-sxm-80gb/h200-sxm-141gb", chips.groupOf("h200-sxm-141gb"));
        // no published fp64, and a cut NVLink: H800 is its own
        assertEquals("h800-sxm-80gb", chips.groupOf("h800-sxm-80gb"));
        assertEquals("tpu-v4", chips.groupOf("tpu-v4"));
        assertEquals("tpu-v3", chips.groupOf("tpu-v3"), "an id the catalog lacks is its own group");
    }
}
