package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.profiles.Profile;

class AchievedVsNominalChartTest {
    private final List<Profile> profiles = List.of(TestProfiles.cpu(), TestProfiles.gpu(), TestProfiles.tpu());

    @Test
    void comparisonBarsRiseToTheNominalAndAchievedFiguresOnALogAxis() {
        XYChart chart = AchievedVsNominalChart.of(profiles, List.of());
        Map<String, XYSeries> series = chart.getSeriesMap();
        // rows: cpu fp64, cpu fp32, gpu bf16, gpu fp16, gpu int8, tpu bf16
        assertEquals(Math.log10(396e12), top(series.get("achieved 2")), 1e-12);
        assertEquals(Math.log10(989.4e12), top(series.get("nominal 2")), 1e-12);
        assertFalse(series.containsKey("achieved 5"), "nominal only: no achieved bar");
        assertEquals(Math.log10(459e12), top(series.get("nominal 5")), 1e-12);
        assertEquals(Math.log10(396e12 + 44.5e12), top(series.get("error 2")), 1e-12);
        assertTrue(chart.getYAxisTitle().contains("log scale") && chart.getYAxisTitle().contains("op/s for int8"));
        double bottom = series.get("nominal 0").getYData()[0];
        assertEquals(Math.rint(bottom), bottom, "bars rise from a whole decade");
        assertTrue(bottom < Math.log10(TestProfiles.cpu().precisions().get("fp64").achievedFlops()));

        XYChart bf16 = AchievedVsNominalChart.of(profiles, List.of(Precision.BF16));
        assertFalse(bf16.getSeriesMap().containsKey("nominal 2"), "two rows only");
        assertThrows(InvalidInputException.class, () -> AchievedVsNominalChart.of(profiles, List.of(Precision.FP8)));
    }

    private static double top(XYSeries bar) {
        return bar.getYData()[1];
    }

    @Test
    void barLabelsDropTrademarksAndGenericWords() {
        assertEquals("Intel Xeon Platinum 8480+", AchievedVsNominalChart.shortName("Intel(R) Xeon(R) Platinum 8480+ CPU"));
        assertEquals("Test, 2 cores", AchievedVsNominalChart.shortName("Test CPU, 2 cores"));
    }

    @Test
    void profilesOfOneDeviceAreLabelledByIdSoThatTheirBarsStayApart() {
        List<Profile> series = List.of(TestProfiles.cpu("ojlab-acm", 0.1), TestProfiles.cpu("ojlab-mtj", 1),
                TestProfiles.gpu());
        List<Comparison.Row> rows = Comparison.of(series, List.of()).rows();
        assertEquals(Map.of("ojlab-acm", "ojlab-acm", "ojlab-mtj", "ojlab-mtj", "gpu-h100", "NVIDIA H100 SXM 80GB"),
                AchievedVsNominalChart.labels(rows));
        XYChart chart = AchievedVsNominalChart.of(series, List.of(Precision.FP64));
        Map<String, XYSeries> bars = chart.getSeriesMap();
        assertEquals(Math.log10(TestProfiles.cpu("x", 0.1).precisions().get("fp64").achievedFlops()),
                top(bars.get("achieved 0")), 1e-12);
        assertEquals(Math.log10(TestProfiles.cpu().precisions().get("fp64").achievedFlops()), top(bars.get("achieved 1")),
                1e-12, "one bar per profile");
        assertEquals(Map.of("cpu-test", "Test, 2 cores", "gpu-h100", "NVIDIA H100 SXM 80GB"),
                AchievedVsNominalChart.labels(Comparison.of(List.of(TestProfiles.cpu(), TestProfiles.gpu())).rows()),
                "devices named where they differ");
    }
}
