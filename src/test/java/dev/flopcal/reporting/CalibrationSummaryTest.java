package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
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
}
