package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class RooflineChartTest {
    @Test
    void rooflineDrawsEachMemoryLevelUnderTheTopCeilingAndMarksTheRidgePoints() {
        XYChart chart = RooflineChart.of(TestProfiles.cpu()).orElseThrow();
        Map<String, XYSeries> series = chart.getSeriesMap();
        double logTop = Math.log10(241.5);
        XYSeries dram = series.get("DRAM 24.43 GB/s");
        double[] x = dram.getXData(), y = dram.getYData();
        assertEquals(3, x.length, "rises, bends at the ridge, runs flat");
        assertEquals(Math.log10(241.5e9 / 24.43e9), x[1], 1e-12);
        assertEquals(logTop, y[1], 1e-12);
        assertEquals(logTop, y[2], 1e-12);
        assertEquals(Math.log10(24.43) + x[0], y[0], 1e-12, "bandwidth × intensity below the ridge");
        for (String level : List.of("L1 130.4 GB/s", "L2 108.4 GB/s", "L3 49.80 GB/s")) {
            assertTrue(series.containsKey(level), level);
        }
        assertArrayEquals(new double[] {Math.log10(141.7), Math.log10(141.7)},
                series.get("fp64 FMA ceiling 141.7 GFLOP/s").getYData(), 1e-12);
        XYSeries ridges = series.values().stream().filter(s -> s.getName().startsWith("ridge point")).findFirst()
                .orElseThrow();
        assertArrayEquals(new double[] {Math.log10(241.5e9 / 24.43e9), Math.log10(141.7e9 / 24.43e9)},
                ridges.getXData(), 1e-12);
        assertTrue(chart.getXAxisTitle().contains("FLOP per byte"));
    }
}
