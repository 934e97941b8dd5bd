package dev.flopcal.fitting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SizeModelsTest {
    private static final double[] SIZES = {64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048};

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Three JVMs per size with 1.5% noise, as a full calibration measures. */
    private static List<Observation> data(SizeModel model, double[] p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Observation> out = new ArrayList<>();
        for (double n : SIZES) {
            for (int j = 0; j < 3; j++) {
                double y = model.value(n, p) * (1 + 0.015 * gaussian(r));
                out.add(new Observation(n, y, 0.015 * y));
            }
        }
        return out;
    }

    @Test
    void selectionPicksTheGeneratingModel() {
        double[][] params = {{4e11, 150}, {4e11, 200, 2.5}, {4e11, 180, 1.2}};
        SizeModel[] models = {SizeModel.HOCKNEY, SizeModel.HILL, SizeModel.PLATEAU};
        for (int m = 0; m < models.length; m++) {
            int right = 0;
            for (long seed = 1; seed <= 30; seed++) {
                SizeModels.Selection s = SizeModels.select(data(models[m], params[m], seed));
                right += s.chosen().model() == models[m] ? 1 : 0;
            }
            // Hockney is the Hill curve with p = 1, so noise alone makes Hill fit Hockney's data better by more than
            // AICc's margin now and then: the generating model must win in at least 4 of 5 samples
            assertTrue(right >= 24, models[m] + " chosen in " + right + " of 30 seeds");
        }
    }

    @Test
    void hockneyOnLevelledDataLeavesSystematicResidualsAndAnAsymptoteAboveThePoints() {
        SizeModels.Selection s = SizeModels.select(data(SizeModel.PLATEAU, new double[] {4e11, 180, 1.5}, 3));
        SizeModels.Candidate hockney = s.candidates().get(SizeModel.HOCKNEY.ordinal());
        assertTrue(hockney.systematic(), "runs " + hockney.runs() + ", p " + hockney.runsP());
        // Hockney's r∞ lies well above the plateau the data reach
        assertTrue(hockney.fit().value("rInf") > 1.05 * 4e11, Double.toString(hockney.fit().value("rInf")));
        assertEquals(SizeModel.PLATEAU, s.chosen().model());
        // the chosen curve's value at the top of the range is the plateau, within the noise
        assertEquals(4e11 * (1 - Math.exp(-Math.pow(2048 / 180.0, 1.5))), s.fit().predict(2048).value(), 0.02 * 4e11);
    }

    @Test
    void tooFewPointsKeepHockneyAndSaySo() {
        List<Observation> two = List.of(new Observation(256, 2e11, 4e9), new Observation(512, 3e11, 6e9),
                new Observation(256, 2.05e11, 4e9), new Observation(512, 2.95e11, 6e9));
        SizeModels.Selection s = SizeModels.select(two);
        assertEquals(SizeModel.HOCKNEY, s.chosen().model());
        assertTrue(s.reason().startsWith("too few points"), s.reason());
        assertFalse(Double.isFinite(s.chosen().aicc()));
    }

    @Test
    void theRunsTestCountsRunsExactly() {
        // + + + - - -: 2 runs; of the 20 arrangements of 3 and 3 signs, 2 have 2 runs
        assertEquals(2, SizeModels.runs(new int[] {1, 1, 1, -1, -1, -1}));
        assertEquals(2.0 / 20, SizeModels.runsP(new int[] {1, 1, 1, -1, -1, -1}), 1e-12);
        // + - + - + -: 6 runs, every arrangement has at most 6
        assertEquals(1.0, SizeModels.runsP(new int[] {1, -1, 1, -1, 1, -1}), 1e-12);
        assertTrue(Double.isNaN(SizeModels.runsP(new int[] {1, 1, 1})));
    }

    @Test
    void theRunsTestPValueNeverExceedsOne() {
        // alternating signs have the most runs possible: P(runs <= that) is 1 exactly, however the sum rounds
        for (int n = 2; n <= 40; n++) {
            int[] signs = new int[n];
            for (int i = 0; i < n; i++) {
                signs[i] = i % 2 == 0 ? 1 : -1;
            }
            double p = SizeModels.runsP(signs);
            assertTrue(p <= 1 && p > 0.99, n + " alternating signs: p = " + p);
        }
    }
}
