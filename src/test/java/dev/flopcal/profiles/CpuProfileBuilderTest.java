package dev.flopcal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.hardware.Cpu;
import dev.flopcal.hardware.TestHosts;
import dev.flopcal.measurement.JmhRecord;

class CpuProfileBuilderTest {

    @Test
    void achievedIsTheSustainedRateOverThePlateauSizesAtTheLargestThreadCount() {
        Profile p = Golden.profile();
        PrecisionProfile fp32 = p.precision(Precision.FP32).orElseThrow();
        assertEquals(2, fp32.achievedAt().threads());
        assertFalse(fp32.achievedSizes().isEmpty());
        assertEquals(1024, fp32.achievedSizes().get(fp32.achievedSizes().size() - 1), "the largest size counts");
        // the golden run measured each shape in one JVM: achieved is the mean, over the plateau sizes, of the median
        // of each size's iterations (not the best sample)
        double sum = 0;
        for (int n : fp32.achievedSizes()) {
            JmhRecord r = Golden.records().stream().filter(x -> x.shortName().equals("GemmBenchmark.multiply")
                    && x.param("precision").equals("fp32") && x.param("threads").equals("2")
                    && x.param("size").equals(Integer.toString(n))).findFirst().orElseThrow();
            List<Double> its = new java.util.ArrayList<>(r.iterations());
            java.util.Collections.sort(its);
            int k = its.size();
            sum += k % 2 == 1 ? its.get(k / 2) : (its.get(k / 2 - 1) + its.get(k / 2)) / 2;
        }
        assertEquals(sum / fp32.achievedSizes().size(), fp32.achievedFlops(), 1e-6 * fp32.achievedFlops());
        double best = Golden.records().stream().filter(r -> r.shortName().equals("GemmBenchmark.multiply")
                && r.param("precision").equals("fp32") && r.param("threads").equals("2"))
                .mapToDouble(JmhRecord::score).max().orElseThrow();
        assertTrue(fp32.achievedFlops() < best, "the sustained rate is below the best of the noisy samples");
        assertTrue(fp32.achievedCi95().get(0) < fp32.achievedFlops() && fp32.achievedFlops() < fp32.achievedCi95().get(1));
        assertEquals(fp32.achievedFlops() / fp32.nominalFlops(), fp32.utilization(), 1e-12);
        assertEquals(8, fp32.samples().size(), "4 sizes × 2 thread counts");
        assertEquals(FigureStatus.MEASURED, fp32.status());
        assertEquals(4, fp32.nativeSamples().size(), "native at 512 and 1024, 1 and 2 threads");
        assertTrue(p.notes().stream().anyMatch(n -> n.startsWith("Every figure comes from one JVM")), p.notes().toString());
    }

    @Test
    void theClockIsInferredFromTheFmaCeilingWhenTheOsHidesTheMaximumOnlyIfItIsFaster() {
        // the golden fp32 FMA ceiling at 2 threads is below 2 × 2.3 GHz × 64: the reported clock stays
        Profile p = Golden.profile();
        assertEquals(2.3e9, p.device().clock().usedHz());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("boost may exceed")), p.notes().toString());
        // an OS reporting a lower clock makes the FMA ceiling exceed it: the effective clock is used and explained
        Cpu slowReport = withClocks(Double.NaN, 1.5e9);
        Profile q = CpuProfileBuilder.build(Golden.inputs(slowReport, Map.of()), Golden.records());
        double fma = q.ceilings().fma().get("fp32").stream().filter(c -> c.threads() == 2).findFirst().orElseThrow().flops();
        assertEquals(fma / (2 * 64), q.device().clock().usedHz(), 1);
        assertEquals(q.device().clock().effectiveHz(), q.device().clock().usedHz());
        assertTrue(q.notes().stream().anyMatch(n -> n.contains("effective clock inferred from the measured fp32 FMA ceiling")));
        assertTrue(q.precision(Precision.FP32).orElseThrow().utilization() <= 1.0);
    }

    @Test
    void aReportedMaximumIsKeptUnlessTheCeilingExceedsItByMoreThanFivePercent() {
        Profile within = CpuProfileBuilder.build(Golden.inputs(withClocks(3.0e9, 2.3e9), Map.of()), Golden.records());
        assertEquals(3.0e9, within.device().clock().usedHz());
        Profile beyond = CpuProfileBuilder.build(Golden.inputs(withClocks(1.0e9, 0.9e9), Map.of()), Golden.records());
        assertTrue(beyond.device().clock().usedHz() > 1.05e9);
        assertTrue(beyond.notes().stream().anyMatch(n -> n.contains("above the maximum clock the OS reports")));
    }

    @Test
    void aDatasheetFigureReplacesTheComputedNominal() {
        Profile p = CpuProfileBuilder.build(Golden.inputs(TestHosts.emeraldRapidsVm(), Map.of(Precision.FP64, 2.0e11)),
                Golden.records());
        PrecisionProfile fp64 = p.precision(Precision.FP64).orElseThrow();
        assertEquals(2.0e11, fp64.nominalFlops());
        assertNull(fp64.perCycle());
        assertEquals("user (--nominal)", fp64.nominalSource());
    }

    @Test
    void fitsCarryParametersWithIntervalsAndSayWhyThreadScalingIsNotFitted() {
        PrecisionFits fits = Golden.profile().precision(Precision.BF16).orElseThrow().fits();
        assertEquals(2, fits.sizeCurves().size());
        PrecisionFits.CurveFit curve = fits.sizeCurves().get(1);
        Quantity rInf = curve.parameters().get("rInf");
        assertNotNull(rInf.value());
        assertNotNull(rInf.standardError());
        assertTrue(rInf.ci95().get(0) < rInf.value() && rInf.value() < rInf.ci95().get(1));
        assertEquals(4, curve.residuals().size());
        assertNull(fits.threadScaling().parameters().get("alpha").value());
        assertTrue(fits.threadScaling().reason().contains("at least 4 thread counts"));
        Quantity ofNominal = fits.utilization().ofNominal();
        assertTrue(ofNominal.ci95().get(0) < ofNominal.value() && ofNominal.value() < ofNominal.ci95().get(1));
        assertNotNull(fits.utilization().ofCeiling().value());
    }

    @Test
    void theRooflineHasAPlateauPerMemoryLevelAndARidgePoint() {
        Roofline r = Golden.profile().roofline();
        assertEquals(2, r.threads());
        List<String> levels = r.memory().stream().map(Roofline.MemoryLevel::level).toList();
        assertEquals(List.of("L1", "L2", "L3", "DRAM"), levels);
        double dram = r.memory().get(3).bytesPerSecond().value();
        assertEquals(r.compute().get("fp32").value() / dram, r.ridge().get("fp32"), 1e-9);
        assertTrue(r.memory().get(0).bytesPerSecond().value() > dram, "L1 is faster than DRAM");
    }

    @Test
    void eachGemmSitsAtItsArithmeticIntensityUnderTheLowerRoof() {
        Roofline r = Golden.profile().roofline();
        List<Roofline.GemmPoint> fp32 = r.gemm().get("fp32");
        Roofline.GemmPoint first = fp32.get(0);
        // by hand: fp32 A, B and C of n = 128 hold 3 × 128² × 4 = 196608 bytes for 2 × 128³ = 4194304 FLOP
        assertEquals(128, first.n());
        assertEquals(4194304.0 / 196608, first.intensity(), 1e-12);
        // 196608 bytes over 2 threads: 96 KiB each, past the 48 KiB L1, inside the 2 MiB L2; the FMA ceiling is lower
        assertEquals("L2", first.level());
        assertEquals("fp32 FMA", first.roof());
        assertEquals(r.compute().get("fp32").value(), first.roofFlops(), 0);
        assertEquals(first.flops() / first.roofFlops(), first.ofRoof(), 1e-12);
        for (int i = 1; i < fp32.size(); i++) {
            assertTrue(fp32.get(i).n() > fp32.get(i - 1).n(), "smallest size first");
        }
        // fp64 runs fp64 FMA; by hand: n = 128 holds 3 × 128² × 8 = 393216 bytes, 192 KiB per thread: L2
        Roofline.GemmPoint fp64 = r.gemm().get("fp64").get(0);
        assertEquals(4194304.0 / 393216, fp64.intensity(), 1e-12);
        assertEquals("L2", fp64.level());
        assertEquals("fp64 FMA", fp64.roof());
        assertEquals(r.compute().get("fp64").value(), fp64.roofFlops(), 0);
        assertTrue(r.gemm().get("int8").stream().allMatch(g -> g.roof().equals("fp32 FMA")), "int8 runs on fp32 FMA");
    }

    @Test
    void memoryLevelsFollowCacheCapacitiesPerThread() {
        assertEquals("L1", CpuProfileBuilder.level(24576, 1, 49152, 2 << 20, 260 << 20));
        assertEquals("L1", CpuProfileBuilder.level(98304, 2, 49152, 2 << 20, 260 << 20));
        assertEquals("L2", CpuProfileBuilder.level(1 << 20, 1, 49152, 2 << 20, 260 << 20));
        assertEquals("L3", CpuProfileBuilder.level(96 << 20, 2, 49152, 2 << 20, 260 << 20));
        assertNull(CpuProfileBuilder.level(300 << 20, 2, 49152, 2 << 20, 260 << 20), "between LLC and 2 × LLC");
        assertEquals("DRAM", CpuProfileBuilder.level(520L << 20, 2, 49152, 2 << 20, 260 << 20));
    }

    private static Cpu withClocks(double max, double reported) {
        Cpu e = TestHosts.emeraldRapidsVm();
        return new Cpu(e.vendor(), e.name(), e.family(), e.model(), e.stepping(), e.processorId(), 2, 2, 1, max, reported,
                e.caches(), e.flags());
    }
}
