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
        assertTrue(fit.getName().contains("r∞ 180.0 GFLOP/s") && fit.getName().contains("n½ 150"), fit.getName());
        double[] x = fit.getXData(), y = fit.getYData();
        for (int i = 0; i < x.length; i++) {
            assertEquals(Hockney.rate(Math.pow(2, x[i]), 180e9, 150) / 1e9, y[i], 1e-9);
        }
        assertEquals(7, x[0], 1e-12, "the curve starts at the smallest size, log2(128)");
        assertEquals(10, x[x.length - 1], 1e-12, "and ends at the largest, log2(1024)");
        assertTrue(chart.getYAxisTitle().contains("GFLOP/s"), chart.getYAxisTitle());
        assertTrue(chart.getTitle().contains(TestProfiles.CPU_NAME) && chart.getTitle().contains("2 threads"));
    }
}
