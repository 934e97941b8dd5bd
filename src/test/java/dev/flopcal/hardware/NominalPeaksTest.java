package dev.flopcal.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.Precision;

class NominalPeaksTest {

    @Test
    void theTableKnowsTheDevelopmentMachineAndItsNeighbours() {
        assertEquals("intel-emerald-rapids", Microarchitectures.of(TestHosts.emeraldRapidsVm()).orElseThrow().id());
        Cpu spr = withModel(143, 8), clx = withModel(85, 7), skx = withModel(85, 4);
        assertEquals("intel-sapphire-rapids", Microarchitectures.of(spr).orElseThrow().id());
        assertEquals("intel-cascade-lake", Microarchitectures.of(clx).orElseThrow().id());
        assertEquals("intel-skylake-sp", Microarchitectures.of(skx).orElseThrow().id());
        assertTrue(Microarchitectures.of(withModel(999, 0)).isEmpty());
    }

    @Test
    void bf16TakesTheFp32RateWhenItsDotProductIsSlowerAndAmxIsHidden() {
        Cpu cpu = TestHosts.emeraldRapidsVm();
        Map<Precision, NominalPeak> peaks = NominalPeaks.of(cpu, Microarchitectures.of(cpu), 2, 2.3e9, "test");
        assertEquals(2 * 2.3e9 * 64, peaks.get(Precision.FP32).flops(), 1);
        assertEquals(2 * 2.3e9 * 32, peaks.get(Precision.FP64).flops(), 1);
        // VDPBF16PS measures 32 FLOP/cycle on this core; widening to fp32 FMA gives 64
        assertEquals(64, peaks.get(Precision.BF16).perCycle());
        assertTrue(peaks.get(Precision.BF16).instruction().contains("widened"));
        assertEquals(128, peaks.get(Precision.FP16).perCycle());
        assertEquals(256, peaks.get(Precision.INT8).perCycle());
        assertTrue(NominalPeaks.amxHidden(cpu, Microarchitectures.of(cpu)));
        assertTrue(peaks.get(Precision.FP32).basis().startsWith("2 cores × 2.300 GHz (test) × 64 FLOP/cycle"),
                peaks.get(Precision.FP32).basis());
    }

    @Test
    void visibleAmxRaisesBf16AndInt8() {
        Cpu cpu = TestHosts.emeraldRapidsVm("amx_tile", "amx_bf16", "amx_int8");
        Map<Precision, PerCycleRate> rates = NominalPeaks.rates(cpu, Microarchitectures.of(cpu));
        assertEquals(1024, rates.get(Precision.BF16).perCycle());
        assertEquals(2048, rates.get(Precision.INT8).perCycle());
        assertFalse(NominalPeaks.amxHidden(cpu, Microarchitectures.of(cpu)));
    }

    @Test
    void anUnknownCoreIsInferredFromItsFlagsAndMarkedEstimated() {
        Cpu cpu = withModel(999, 0);
        Map<Precision, PerCycleRate> rates = NominalPeaks.rates(cpu, Optional.empty());
        assertEquals(64, rates.get(Precision.FP32).perCycle());
        assertTrue(rates.get(Precision.FP32).estimated());
        assertTrue(rates.get(Precision.FP32).instruction().contains("assumed"));
    }

    private static Cpu withModel(int model, int stepping) {
        Cpu e = TestHosts.emeraldRapidsVm();
        return new Cpu(e.vendor(), e.name(), 6, model, stepping, e.processorId(), 2, 2, 1, Double.NaN, 2.3e9,
                e.caches(), e.flags());
    }

    @Test
    void flagsAreParsedFromOsLines() {
        assertEquals(List.of("asimd", "avx2", "fma", "fp"), HostDetector.flags(List.of("flags\t\t: fma avx2", "Features : fp asimd")));
    }
}
