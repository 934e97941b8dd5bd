package dev.flopcal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.Precision;

/** The suspect rule on hand-computed and on seeded synthetic fleets. */
class FleetStatisticsTest {
    private static NodeFigure figure(String node, double achieved, double halfWidth) {
        return NodeFigure.of(node, "p-" + node, achieved, achieved - halfWidth, achieved + halfWidth, NodeFigure.JMH_999);
    }

    @Test
    void medianAndMadByHand() {
        assertEquals(3, FleetStatistics.median(new double[] {5, 1, 3}));
        assertEquals(2.5, FleetStatistics.median(new double[] {4, 1, 3, 2}));
        // 60, 98, 99, 100, 101, 102: median 99.5; deviations 39.5, 1.5, 0.5, 0.5, 1.5, 2.5 → MAD 1.5
        double[] v = {100, 102, 98, 101, 99, 60};
        assertEquals(99.5, FleetStatistics.median(v));
        assertEquals(1.5, FleetStatistics.mad(v));
        assertEquals(3 * 1.4826 * 1.5, FleetStatistics.threshold(1.5), 1e-12);
    }

    @Test
    void theSlowNodeOfAHandComputedFleetIsFlaggedWithItsReason() {
        List<NodeFigure> fleet = List.of(figure("n1", 100e9, 2e9), figure("n2", 102e9, 2e9), figure("n3", 98e9, 2e9),
                figure("n4", 101e9, 2e9), figure("n5", 99e9, 2e9), figure("n6", 60e9, 2e9));
        FleetReport.PrecisionSummary s = FleetStatistics.summarize(Precision.FP32, fleet);
        assertEquals(99.5e9, s.median(), 1);
        assertEquals(1.5e9, s.mad(), 1);
        assertEquals(6.6717e9, s.threshold(), 1e3);
        assertEquals(60e9, s.min());
        assertEquals(102e9, s.max());
        assertEquals(List.of("n6"), s.suspects().stream().map(NodeFigure::node).toList());
        String reason = s.suspects().get(0).reason();
        // 39.5 / 99.5 = 39.7% below; its interval reaches 62 G; the threshold is 6.672 G
        assertTrue(reason.contains("fp32 60.00 GFLOP/s is 39.7% below the fleet median 99.50 GFLOP/s"), reason);
        assertTrue(reason.contains("reaches only 62.00 GFLOP/s"), reason);
        assertTrue(reason.contains("exceeds 6.672 GFLOP/s"), reason);
        // n5 is below the median by 0.5 G: within its interval and the threshold
        assertNull(s.figures().get(4).reason());
        assertNull(s.note());
    }

    /** 24 nodes around 300 GFLOP/s with 1% noise, seeded; each node's interval is ±3.29 σ (JMH's 99.9%). */
    private static List<NodeFigure> syntheticFleet(long seed, int nodes) {
        Random random = new Random(seed);
        List<NodeFigure> fleet = new ArrayList<>();
        double sigma = 3e9;
        for (int i = 1; i <= nodes; i++) {
            fleet.add(figure(String.format("node%02d", i), 300e9 + sigma * random.nextGaussian(), 3.29 * sigma));
        }
        return fleet;
    }

    @Test
    void oneSlowNodeOfASyntheticFleetIsFlagged() {
        for (long seed = 1; seed <= 20; seed++) {
            List<NodeFigure> fleet = new ArrayList<>(syntheticFleet(seed, 24));
            // a node 15% slow, measured as precisely as the others
            fleet.set(16, figure("node17", 255e9, 3.29 * 3e9));
            FleetReport.PrecisionSummary s = FleetStatistics.summarize(Precision.FP32, fleet);
            assertEquals(List.of("node17"), s.suspects().stream().map(NodeFigure::node).toList(), "seed " + seed);
        }
    }

    @Test
    void aUniformFleetFlagsNone() {
        for (long seed = 1; seed <= 20; seed++) {
            FleetReport.PrecisionSummary s = FleetStatistics.summarize(Precision.FP32, syntheticFleet(seed, 24));
            assertEquals(List.of(), s.suspects(), "seed " + seed);
        }
        // identical figures: MAD 0, nobody below the median
        List<NodeFigure> same = List.of(figure("a", 1e11, 0), figure("b", 1e11, 0), figure("c", 1e11, 0));
        assertEquals(0, FleetStatistics.summarize(Precision.FP64, same).suspects().size());
    }

    @Test
    void aNodeWithAWideIntervalIsNotFlaggedOnNoiseAlone() {
        for (long seed = 1; seed <= 20; seed++) {
            List<NodeFigure> fleet = new ArrayList<>(syntheticFleet(seed, 24));
            // 10% low, far beyond 3 MADs, but its interval (±40 G, a noisy measurement) reaches the median
            fleet.set(3, figure("node04", 270e9, 40e9));
            FleetReport.PrecisionSummary s = FleetStatistics.summarize(Precision.FP32, fleet);
            assertTrue(300e9 - 270e9 > s.threshold(), "the shortfall alone exceeds the threshold, seed " + seed);
            assertFalse(s.figures().get(3).suspect(), "seed " + seed);
            // the same shortfall, measured precisely, is flagged
            fleet.set(3, figure("node04", 270e9, 3e9));
            assertTrue(FleetStatistics.summarize(Precision.FP32, fleet).figures().get(3).suspect(), "seed " + seed);
        }
    }

    @Test
    void aNodeBelowItsIntervalButWithinTheFleetsSpreadIsNotFlagged() {
        // MAD 10 G (threshold 44.5 G): a precise node 20 G low is within the fleet's own spread
        List<NodeFigure> fleet = List.of(figure("a", 290e9, 1e9), figure("b", 300e9, 1e9), figure("c", 310e9, 1e9),
                figure("d", 320e9, 1e9), figure("e", 280e9, 1e9));
        FleetReport.PrecisionSummary s = FleetStatistics.summarize(Precision.FP32, fleet);
        assertEquals(10e9, s.mad(), 1);
        assertEquals(0, s.suspects().size());
    }

    @Test
    void nodesAboveTheFleetAreNeverSuspectAndTwoNodesCannotStandOut() {
        List<NodeFigure> fleet = List.of(figure("a", 100e9, 1e9), figure("b", 100e9, 1e9), figure("c", 100e9, 1e9),
                figure("fast", 200e9, 1e9));
        assertEquals(0, FleetStatistics.summarize(Precision.FP32, fleet).suspects().size());
        FleetReport.PrecisionSummary two = FleetStatistics.summarize(Precision.FP32,
                List.of(figure("a", 100e9, 0.1e9), figure("b", 50e9, 0.1e9)));
        assertEquals(0, two.suspects().size());
        assertEquals("fewer than 3 nodes measured fp32: none can stand out from the fleet", two.note());
        assertEquals("op/s", FleetStatistics.summarize(Precision.INT8, fleet).unit());
    }
}
