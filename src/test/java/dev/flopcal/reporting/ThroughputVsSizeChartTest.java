package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import dev.flopcal.core.Precision;
import dev.flopcal.fitting.Hockney;
import dev.flopcal.profiles.Profile;

class ThroughputVsSizeChartTest {
    @Test
    void sizeChartPlotsTheSamplesAndTheFittedCurveFromTheProfile() {
        XYChart chart = ThroughputVsSizeChart.of(TestProfiles.cpu(), List.of(Precision.FP64, Precision.FP32)).orElseThrow();
        Map<String, XYSeries> series = chart.getSeriesMap();
        XYSeries measured = series.get("fp32 measured");
        // GFLOP/s: the largest sample is below 1000 GFLOP/s
        double[] expected = Arrays.stream(TestProfiles.SIZES)
                .mapToDouble(n -> Hockney.rate(n, 180e9, 150) / 1e9).toArray();
        assertArrayEquals(expected, measured.getYData(), 1e-9);
        assertEquals(TestProfiles.SIZES.length, measured.getXData().length, "only the largest thread count");
        assertTrue(chart.getStyler().getYAxisMin() == 0.0);

        XYSeries fit = series.values().stream().filter(s -> s.getName().startsWith("fp32 fit")).findFirst().orElseThrow();
        // the legend gives the model and its value at the largest size: 180e9 × 1024 / (1024 + 150) = 157.0 GFLOP/s
        assertEquals("fp32 fit (hockney): 157.0 GFLOP/s at n=1024", fit.getName());
        double[] x = fit.getXData(), y = fit.getYData();
        for (int i = 0; i < x.length; i++) {
            assertEquals(Hockney.rate(Math.pow(2, x[i]), 180e9, 150) / 1e9, y[i], 1e-9);
        }
        assertEquals(7, x[0], 1e-12, "the curve starts at the smallest size, log2(128)");
        assertEquals(10, x[x.length - 1], 1e-12, "and ends at the largest, log2(1024)");
        assertTrue(chart.getYAxisTitle().contains("GFLOP/s"), chart.getYAxisTitle());
        assertTrue(chart.getTitle().contains(TestProfiles.CPU_NAME) && chart.getTitle().contains("2 threads"));
    }

    @Test
    void profilesAreDrawnSideBySideOneSeriesAndOneCurveEach() {
        List<Profile> profiles = List.of(TestProfiles.cpu("lib-a", 1), TestProfiles.cpu("lib-b", 0.5),
                TestProfiles.gpu());
        XYChart chart = ThroughputVsSizeChart.across(profiles, Precision.FP64).orElseThrow();
        Map<String, XYSeries> series = chart.getSeriesMap();
        // rates within a factor of ten: a linear axis in GFLOP/s
        double[] a = Arrays.stream(TestProfiles.SIZES).mapToDouble(n -> Hockney.rate(n, 90e9, 120) / 1e9).toArray();
        assertArrayEquals(a, series.get("lib-a measured").getYData(), 1e-9);
        assertArrayEquals(Arrays.stream(a).map(v -> v / 2).toArray(), series.get("lib-b measured").getYData(), 1e-9);
        assertEquals(2, series.keySet().stream().filter(k -> k.endsWith(" measured")).count(), "the GPU has no samples");
        assertEquals(2, series.keySet().stream().filter(k -> k.contains(" fit (")).count(), "one curve per profile");
        // lib-b runs at half lib-a's rates: 0.5 × 90e9 × 1024 / (1024 + 120) = 40.28 GFLOP/s at the largest size
        assertTrue(series.keySet().stream().anyMatch(k -> k.startsWith("lib-b fit (hockney): 40.28 GFLOP/s at n=1024")),
                series.keySet().toString());
        assertTrue(chart.getTitle().contains("fp64") && chart.getTitle().contains("by profile"), chart.getTitle());
        assertEquals(0.0, chart.getStyler().getYAxisMin());
        assertTrue(chart.getYAxisTitle().contains("GFLOP/s"), chart.getYAxisTitle());
        assertEquals("throughput-vs-size-fp64-by-profile", ThroughputVsSizeChart.acrossBaseName(Precision.FP64));

        assertTrue(ThroughputVsSizeChart.across(List.of(TestProfiles.cpu()), Precision.FP64).isEmpty(), "one profile");
        assertTrue(ThroughputVsSizeChart.across(profiles, Precision.BF16).isEmpty(), "no two profiles measured bf16");
    }

    @Test
    void ratesThatSpanMoreThanADecadeGoOnALogarithmicAxis() {
        List<Profile> profiles = List.of(TestProfiles.cpu("fast", 1), TestProfiles.cpu("slow", 0.02));
        XYChart chart = ThroughputVsSizeChart.across(profiles, Precision.FP64).orElseThrow();
        double[] slow = Arrays.stream(TestProfiles.SIZES).mapToDouble(n -> Math.log10(Hockney.rate(n, 1.8e9, 120)))
                .toArray();
        assertArrayEquals(slow, chart.getSeriesMap().get("slow measured").getYData(), 1e-9);
        assertTrue(chart.getYAxisTitle().contains("log scale"), chart.getYAxisTitle());
        double bottom = chart.getStyler().getYAxisMin();
        assertEquals(Math.rint(bottom), bottom, "the axis starts at a whole decade");
        assertTrue(bottom <= slow[0]);
    }
}
