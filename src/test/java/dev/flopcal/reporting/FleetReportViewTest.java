package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.core.Precision;
import dev.flopcal.fleet.FleetReport;
import dev.flopcal.fleet.FleetStatistics;
import dev.flopcal.fleet.NodeCalibration;
import dev.flopcal.fleet.NodeFigure;
import dev.flopcal.measurement.Mode;

class FleetReportViewTest {
    @TempDir
    Path dir;

    /** Six nodes at 100, 102, 98, 101 and 99 GFLOP/s ±2, and node6 at 60 (suspect); node7 failed. */
    static FleetReport report() {
        double[] rates = {100, 102, 98, 101, 99, 60};
        List<NodeFigure> figures = new ArrayList<>();
        List<FleetReport.NodeResult> nodes = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            String node = "node" + (i + 1);
            figures.add(NodeFigure.of(node, "cpu-x-" + node + "-" + (10 + i), rates[i] * 1e9, (rates[i] - 2) * 1e9,
                    (rates[i] + 2) * 1e9, NodeFigure.JMH_999));
            nodes.add(new FleetReport.NodeResult(node, Integer.toString(10 + i), FleetReport.DONE, "COMPLETED", null, 0,
                    0, "logs/" + node + "-" + (10 + i) + ".log", "cpu-x-" + node + "-" + (10 + i),
                    "profiles/cpu-x-" + node + "-" + (10 + i) + ".json"));
        }
        nodes.add(new FleetReport.NodeResult("node7", "16", FleetReport.FAILED, "TIMEOUT",
                "the job reached its time limit, signal 15", 0, 15, "logs/node7-16.log", null, null));
        return new FleetReport(1, "2026-12-07T21:00:00Z", "flopcal test", "slurm",
                new FleetReport.Settings(null, "30", List.of(), NodeCalibration.of(Mode.QUICK, List.of(Precision.FP32),
                        null, null)), nodes, 1, Map.of("fp32", FleetStatistics.summarize(Precision.FP32, figures)));
    }

    @Test
    void theTextNamesEveryNodeTheFailureAndTheSuspect() {
        // columns are padded to their widest cell: compare with single spaces
        String text = FleetReportView.text(report()).replaceAll(" +", " ");
        assertTrue(text.startsWith("7 nodes: 6 done, 1 failed.\n"), text);
        assertTrue(text.contains("node7 16 failed TIMEOUT 0 (signal 15) the job reached its time limit, signal 15"
                + " logs/node7-16.log"), text);
        assertTrue(text.contains("logs/node7-16.log\n\nnode fp32 achieved [interval] vs median\n"), "sections apart");
        assertTrue(text.contains("node6 60.00 GFLOP/s [58 G, 62 G] -39.7% SUSPECT"), text);
        assertTrue(text.contains("node1 100.0 GFLOP/s [98 G, 102 G] +0.5%"), text);
        assertTrue(text.contains("fleet median 99.50 GFLOP/s [60 G, 102 G]"), text);
        assertTrue(text.contains("MAD 1.500 GFLOP/s (1.5%)"), text);
        assertTrue(text.contains("suspect below 92.83 GFLOP/s -6.7%"), text);
        assertTrue(text.contains("\nSuspect nodes:\n node6: fp32 60.00 GFLOP/s is 39.7% below the fleet median"), text);
    }

    @Test
    void theFilesAreTheMarkdownTheChartsAndTheIndex() throws Exception {
        List<Path> written = FleetReportFiles.write(report(), dir);
        assertEquals(List.of(dir.resolve("fleet-fp32.png"), dir.resolve("fleet-fp32.svg"),
                dir.resolve("fleet-report.md"), dir.resolve("README.md")), written);
        String md = Files.readString(dir.resolve("fleet-report.md"));
        assertTrue(md.contains("| node6 | 60.00 GFLOP/s [58 G, 62 G] | -39.7% SUSPECT |"), md);
        assertTrue(md.contains("![fleet-fp32](fleet-fp32.png)"), md);
        String index = Files.readString(dir.resolve("README.md"));
        assertTrue(index.contains("## Fleet calibration\n\n7 nodes: 6 done, 1 failed. 1 suspect node figure."), index);
        byte[] png = Files.readAllBytes(dir.resolve("fleet-fp32.png"));
        assertEquals((byte) 0x89, png[0]);
        assertTrue(Files.readString(dir.resolve("fleet-fp32.svg")).contains("<svg"));
    }

    @Test
    void aLargeFleetsChartWidensWithItsNodes() {
        List<NodeFigure> figures = new ArrayList<>();
        for (int i = 1; i <= 64; i++) {
            figures.add(NodeFigure.of(String.format("gpu-node-%03d", i), "p" + i, 3e11 + i * 1e8, 2.9e11, 3.1e11,
                    NodeFigure.CI95));
        }
        var chart = FleetChart.of("fp32", FleetStatistics.summarize(Precision.FP32, figures));
        assertTrue(chart.getWidth() > 64 * ChartStyle.textWidth("gpu-node-064"), "room for every name");
        assertTrue(ChartFiles.png(chart).length > 1000);
    }
}
