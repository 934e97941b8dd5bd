package dev.flopcal.fitting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ReplicatesTest {

    /** Gaussian by Box-Muller, so the test depends on nothing but the seed. */
    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /**
     * Synthetic JVMs: each series has a true rate; each JVM multiplies it by exp(b), b ~ N(0, between²); each iteration
     * by exp(e), e ~ N(0, within²). A JVM's figure is the median of its iterations.
     */
    private static List<double[]> series(SplittableRandom r, int series, int jvms, int iterations, double between,
                                         double within) {
        List<double[]> out = new ArrayList<>();
        for (int s = 0; s < series; s++) {
            double rate = 1e11 * (1 + s);
            double[] perJvm = new double[jvms];
            for (int j = 0; j < jvms; j++) {
                double jvm = rate * Math.exp(between * gaussian(r));
                double[] its = new double[iterations];
                for (int i = 0; i < iterations; i++) {
                    its[i] = jvm * Math.exp(within * gaussian(r));
                }
                perJvm[j] = Replicates.location(its);
            }
            out.add(perJvm);
        }
        return out;
    }

    @Test
    void thePooledVarianceRecoversTheSpreadBetweenJvms() {
        // 400 series of 3 JVMs, 3% between JVMs, 1% within (median of 9 iterations: 1.25 x 1% / 3 = 0.42%): the
        // spread of a JVM's figure is sqrt(3%² + 0.42%²) = 3.03%
        Replicates.Pooled pooled = Replicates.Pooled.of(series(new SplittableRandom(7), 400, 3, 9, 0.03, 0.01));
        assertEquals(800, pooled.dof());
        assertEquals(0.0303, pooled.relativeSd(), 0.0015);
        // without a spread between JVMs only the medians' own error is left
        Replicates.Pooled within = Replicates.Pooled.of(series(new SplittableRandom(8), 400, 3, 9, 0, 0.01));
        assertEquals(0.0042, within.relativeSd(), 0.0005);
    }

    @Test
    void aRerunFallsInTheIntervalNineteenTimesInTwenty() {
        // a default calibration's design: 2 JVMs per figure, the variance pooled over 8 series at one thread count
        SplittableRandom r = new SplittableRandom(11);
        int inside = 0, trials = 2000;
        for (int k = 0; k < trials; k++) {
            List<double[]> first = series(r, 8, 2, 6, 0.03, 0.02);
            List<double[]> rerun = series(r, 8, 2, 6, 0.03, 0.02);
            Replicates.Combined c = Replicates.combine(first.get(0), new double[] {Double.NaN, Double.NaN},
                    Replicates.Pooled.of(first));
            double again = (rerun.get(0)[0] + rerun.get(0)[1]) / 2;
            inside += c.low() <= again && again <= c.high() ? 1 : 0;
        }
        double coverage = inside / (double) trials;
        assertTrue(coverage > 0.93 && coverage < 0.975, "coverage " + coverage);
    }

    @Test
    void withOneJvmTheIntervalRestsOnTheWithinJvmErrorAndSaysSo() {
        Replicates.Pooled none = Replicates.Pooled.of(List.of(new double[] {1e11}));
        assertFalse(none.known());
        Replicates.Combined c = Replicates.combine(new double[] {1e11}, new double[] {1e9}, none);
        assertFalse(c.betweenMeasured());
        // ± 1.96 x sqrt(2) x 1% on the log scale
        assertEquals(Math.exp(1.959964 * Math.sqrt(2) * 0.01), c.high() / c.value(), 1e-6);
    }

    @Test
    void theMedianAndItsErrorComeFromTheIterations() {
        assertEquals(3, Replicates.location(new double[] {5, 1, 3}));
        assertEquals(2.5, Replicates.location(new double[] {4, 1, 2, 3}));
        // deviations from 10: 0, 1, 1, 2, 30 -> MAD 1; √(π/2) x 1.4826 x 1 / √5
        assertEquals(Math.sqrt(Math.PI / 2) * 1.4826 / Math.sqrt(5),
                Replicates.locationError(new double[] {10, 9, 11, 12, 40}), 1e-12);
        assertTrue(Double.isNaN(Replicates.locationError(new double[] {1, 2})));
    }

    @Test
    void theRobustSpreadRecoversTheBetweenJvmSpreadThatDisturbedJvmsInflateInAVariance() {
        SplittableRandom r = new SplittableRandom(2026_12_08L);
        List<double[]> clean = series(r, 30, 2, 6, 0.05, 0.01);
        List<double[]> disturbed = new ArrayList<>();
        for (int s = 0; s < clean.size(); s++) {
            double[] jvms = clean.get(s).clone();
            if (s % 10 == 0) {
                jvms[0] /= 2; // a JVM another process halved, in 3 series of 30
            }
            disturbed.add(jvms);
        }
        // a JVM's figure spreads by √(0.05² + within's share) ≈ 0.05 on the log scale
        assertEquals(0.05, Replicates.robustSd(clean), 0.015);
        assertEquals(0.05, Replicates.robustSd(disturbed), 0.015);
        assertTrue(Math.sqrt(Replicates.Pooled.of(disturbed).variance()) > 0.1, "the variance is dominated by 3 pairs");
    }

    @Test
    void aJvmIsDisturbedWhenItLiesFarBelowTheBestOtherJvm() {
        // cut-off by hand: 4 × √2 × 0.05 = 0.283 on the log scale; ln 2 = 0.693, ln 1.25 = 0.223, ln(100/60) = 0.511
        assertArrayEquals(new boolean[] {false, true}, Replicates.disturbed(new double[] {100, 50}, 0.05));
        assertArrayEquals(new boolean[] {false, false}, Replicates.disturbed(new double[] {100, 80}, 0.05));
        assertArrayEquals(new boolean[] {false, false, true}, Replicates.disturbed(new double[] {100, 98, 60}, 0.05));
        assertArrayEquals(new boolean[] {false, false}, Replicates.disturbed(new double[] {100, 50}, Double.NaN),
                "without a spread nothing is judged");
        assertArrayEquals(new boolean[] {false}, Replicates.disturbed(new double[] {100}, 0.05));
    }

    @Test
    void theRobustSpreadNeedsFourPairs() {
        assertTrue(Double.isNaN(Replicates.robustSd(List.of(new double[] {1, 2}, new double[] {1, 2}, new double[] {3}))));
        // one series of 3 JVMs gives 3 pairs, two of 2 give 2: with |ln 2| twice and 0 thrice, the median is 0
        assertEquals(0, Replicates.robustSd(List.of(new double[] {4, 4, 4}, new double[] {1, 2}, new double[] {2, 1})));
    }
}
