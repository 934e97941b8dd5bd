package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flopcal.hardware.Cpu;
import dev.flopcal.hardware.TestHosts;

class NativeReferenceTest {
    private final Cpu zen5 = TestHosts.zen5Vm(List.of());

    @Test
    void anOlderKernelSetOpenBlasChoseItselfIsReplacedByTheBestTheCpuSupports() {
        assertEquals("Cooperlake", NativeReference.coreToSet(TestHosts.emeraldRapidsVm(), null, "Prescott"));
        assertNull(NativeReference.coreToSet(zen5, null, "Cooperlake"));
    }

    @Test
    void anOlderKernelSetFromTheEnvironmentIsReplacedToo() {
        // the Zen 5 VM's environment sets OPENBLAS_CORETYPE=Haswell: AVX2 kernels, half of OpenBLAS's AVX-512 speed
        assertEquals("Cooperlake", NativeReference.coreToSet(zen5, "Haswell", "Haswell"));
        assertEquals("Cooperlake", NativeReference.coreToSet(zen5, "haswell", null));
        assertEquals("Cooperlake", NativeReference.coreToSet(zen5, "Zen", null));
    }

    @Test
    void anEnvironmentThatRanksAsHighOrThatTheRankingDoesNotKnowIsKept() {
        assertNull(NativeReference.coreToSet(zen5, "Cooperlake", "Cooperlake"));
        assertNull(NativeReference.coreToSet(zen5, "SapphireRapids", null));
        assertNull(NativeReference.coreToSet(zen5, "Genoa", null));
    }

    @Test
    void nothingIsSetWhenTheCpuHasNoKnownKernelSet() {
        Cpu arm = new Cpu("ARM", "Neoverse-N1", 0x41, 0xd0c, 1, "", 2, 2, 1, Double.NaN, 2.5e9, List.of(),
                List.of("asimd", "fp"));
        assertNull(NativeReference.coreToSet(arm, "Haswell", null));
        assertNull(NativeReference.coreToSet(arm, null, "NEOVERSEN1"));
    }
}
