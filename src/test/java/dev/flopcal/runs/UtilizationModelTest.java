package dev.flopcal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class UtilizationModelTest {
    private static UtilizationModel model(UtilizationModel.Sample... samples) throws IOException {
        return UtilizationModel.fit(List.of(samples), ChipGroups.of(PublishedRunFitterTest.syntheticCatalog()));
    }

    private static UtilizationModel.Sample s(String hardware, double u) {
        return new UtilizationModel.Sample(hardware, u, hardware + " " + u);
    }

    @Test
    void chipsWithTheSameMeanArePooledCompletely() throws IOException {
        // both chips have geometric mean 0.4: no between-chip variance, so each chip's centre is the mean of all
        UtilizationModel m = model(s("gpu-a", 0.2), s("gpu-a", 0.8), s("gpu-b", 0.32), s("gpu-b", 0.5));
        assertEquals(0, m.betweenChipVariance(), 0);
        assertEquals(0.4, m.predict("gpu-a").centre(), 1e-12);
        assertEquals(0.4, m.predict("gpu-b").centre(), 1e-12);
        // within-chip variance: ((ln 0.2 − ln 0.4)² + (ln 0.8 − ln 0.4)² + (ln 0.32 − ln 0.4)² + (ln 0.5 − ln 0.4)²) / 2
        double ln2 = Math.log(2);
        double ln125 = Math.log(1.25);
        assertEquals((2 * ln2 * ln2 + 2 * ln125 * ln125) / 2, m.withinChipVariance(), 1e-12);
        assertEquals(2, m.degreesOfFreedom());
    }

    @Test
    void aChipFarFromTheOthersKeepsMostOfItsOwnMeanAndAChipWithoutRunsGetsTheMeanOfAll() throws IOException {
        UtilizationModel m = model(s("gpu-a", 0.20), s("gpu-a", 0.22), s("gpu-a", 0.18),
                s("gpu-b", 0.60), s("gpu-b", 0.66), s("gpu-b", 0.54), s("gpu-c", 0.40), s("gpu-c", 0.44));
        UtilizationPrediction a = m.predict("gpu-a");
        assertTrue(a.centre() > 0.19 && a.centre() < 0.21, a.summary());
        UtilizationPrediction none = m.predict("gpu-unknown");
        double mean = Math.exp((Math.log(0.20) + Math.log(0.22) + Math.log(0.18) + Math.log(0.60) + Math.log(0.66)
                + Math.log(0.54) + Math.log(0.40) + Math.log(0.44)) / 8);
        assertEquals(mean, none.centre(), 1e-12);
        assertEquals(0, none.groupRuns());
        assertTrue(none.logSd() > 3 * a.logSd(), "the chip spread dominates for hardware without runs");
        assertTrue(none.slowFactor() > a.slowFactor());
    }

    @Test
    void oneRunPerChipPoolsCompletelyAndOneRunInAllHasNoSpread() throws IOException {
        UtilizationModel m = model(s("gpu-a", 0.2), s("gpu-b", 0.4), s("gpu-c", 0.8));
        UtilizationPrediction p = m.predict("gpu-a");
        assertEquals(0.4, p.centre(), 1e-12);
        // variance of ln 0.2, ln 0.4, ln 0.8 about ln 0.4: (ln² 2 + ln² 2) / 2 = ln² 2; prediction sd = ln 2 · √(1 + 1/3)
        assertEquals(Math.log(2) * Math.sqrt(4.0 / 3), p.logSd(), 1e-12);
        assertEquals(2, p.degreesOfFreedom());
        // t(0.95, 2) = 2.919986
        assertEquals(Math.exp(2.919986 * p.logSd()), p.slowFactor(), 1e-4);

        UtilizationPrediction single = model(s("gpu-a", 0.3)).predict("gpu-b");
        assertEquals(0.3, single.centre(), 1e-12);
        assertFalse(single.hasInterval());
        assertTrue(Double.isNaN(single.slowFactor()));
        assertTrue(single.summary().contains("at least 2"), single.summary());
    }
}
