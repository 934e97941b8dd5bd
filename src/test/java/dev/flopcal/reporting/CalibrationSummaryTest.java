package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.Roofline;
import dev.flopcal.profiles.Sample;

class CalibrationSummaryTest {

    @Test
    void theRatioOfTwoMeasurementsCarriesBothOfTheirUncertainties() {
        // 3% and 4% relative half-widths: 5% for the ratio
        assertEquals("±5.0%", CalibrationSummary.ratioError(new Sample(1024, 1, 90e9, 2.7e9), new Sample(1024, 1, 100e9, 4e9)));
        assertEquals("", CalibrationSummary.ratioError(new Sample(1024, 1, 90e9, null), new Sample(1024, 1, 100e9, 4e9)));
    }

    @Test
    void theNativeComparisonShowsEachSharedShapeWithItsRatio() {
        Profile p = TestProfiles.cpu();
        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>(p.precisions());
        PrecisionProfile fp32 = p.precisions().get("fp32");
        Sample jvm = fp32.samples().stream().filter(s -> s.n() == 1024 && s.threads() == 2).findFirst().orElseThrow();
        Sample nat = new Sample(1024, 2, jvm.flops() / 0.9, jvm.flops() / 0.9 * 0.03);
        precisions.put("fp32", new PrecisionProfile(fp32.nominalFlops(), fp32.nominalBasis(), fp32.nominalSource(),
                fp32.nominalEstimated(), fp32.perCycle(), fp32.achievedFlops(), fp32.achievedError(), fp32.achievedAt(),
                fp32.utilization(), fp32.utilizationError(), fp32.status(), fp32.path(), fp32.samples(), List.of(nat),
                fp32.fits(), fp32.publishedRuns()));
        Profile withNative = new Profile(p.schemaVersion(), p.id(), p.device(), precisions, p.ceilings(), p.roofline(),
                null, p.notes(), p.provenance());
        String text = CalibrationSummary.nativeComparison(withNative);
        // the JVM sample has a 4% half-width, the native one 3%: 5% for the ratio
        assertTrue(text.contains("fp32  n=1024  t=2") && text.contains("JVM/native 0.900 ±5.0%"), text);
        assertTrue(text.contains("calibrate gap"), text);
        assertEquals("", CalibrationSummary.nativeComparison(p));
    }
    @Test
    void theBandwidthTableShowsEachKernelBesideItsReferenceAndTheirRatio() {
        dev.flopcal.core.Quantity jvm = dev.flopcal.core.Quantity.of(530e9, 10e9, 510e9, 551e9, "bytes/s");
        dev.flopcal.core.Quantity nat = dev.flopcal.core.Quantity.of(500e9, 5e9, 490e9, 510e9, "bytes/s");
        dev.flopcal.core.Quantity ratio = dev.flopcal.core.Quantity.of(1.06, 0.02, 1.01, 1.11, "1");
        Roofline.NativeBandwidth ref = new Roofline.NativeBandwidth("likwid-bench 5.2", "stream_avx512",
                "likwid-bench -t stream_avx512 -w N:49152B:2 -i 10", 49152, 2, List.of(495e9, 505e9), nat);
        Roofline r = new Roofline(2, Map.of(), List.of(new Roofline.MemoryLevel("L1", jvm, List.of(49152L),
                List.of(new Roofline.KernelBandwidth("read", 49152, jvm, 2, null, null),
                        new Roofline.KernelBandwidth("triad", 49152, jvm, 2, ref, ratio)))), null);
        String text = CalibrationSummary.bandwidthKernels(r);
        assertTrue(text.startsWith("Memory bandwidth (2 threads; STREAM byte counts; the triad is each level's plateau),"
                + " JVM against likwid-bench 5.2 at the same working sets:"), text);
        List<String> lines = text.lines().toList();
        assertEquals(4, lines.size(), text);
        assertTrue(lines.get(2).matches("\\s+L1\\s+48 KiB\\s+read\\s+530\\.0 GB/s ±3\\.9%\\s+n/a\\s+n/a"), lines.get(2));
        assertTrue(lines.get(3).matches("\\s+triad\\s+530\\.0 GB/s ±3\\.9%\\s+500\\.0 GB/s ±2\\.0%\\s+stream_avx512"
                + "\\s+1\\.06 \\(1\\.01-1\\.11\\)"), lines.get(3));
        // older profiles (the triad's plateaus alone) keep the plateau lines
        assertEquals("", CalibrationSummary.bandwidthKernels(new Roofline(2, Map.of(), List.of(
                new Roofline.MemoryLevel("L1", jvm, List.of(49152L))), null)));
    }
}
