package dev.flopcal.fitting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class UslTest {
    private static final double LAMBDA = 100, ALPHA = 0.05, BETA = 0.002;

    private static List<Observation> synthetic(long seed, int... threads) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Observation> out = new ArrayList<>();
        for (int n : threads) {
            double truth = Usl.throughput(n, LAMBDA, ALPHA, BETA);
            double sigma = 0.02 * truth;
            out.add(new Observation(n, truth + sigma * HockneyTest.gaussian(random), sigma));
        }
        return out;
    }

    @Test
    void recoversContentionAndCoherencyFromAPoorGuess() {
        for (long seed = 1; seed <= 10; seed++) {
            FitResult f = Usl.fit(synthetic(seed, 1, 2, 4, 8, 12, 16, 24, 32, 48, 64), new double[] {10, 0.5, 0.1});
            assertTrue(f.hasValues(), f.reason());
            assertEquals(LAMBDA, f.value("lambda"), 0.05 * LAMBDA, "seed " + seed);
            assertEquals(ALPHA, f.value("alpha"), 0.02, "seed " + seed);
            assertEquals(BETA, f.value("beta"), 0.001, "seed " + seed);
            assertTrue(f.standardError("beta") > 0);
        }
    }

    @Test
    void twoThreadCountsGiveNaNAndAReason() {
        FitResult f = Usl.fit(synthetic(3, 1, 2));
        assertFalse(f.hasValues());
        assertTrue(Double.isNaN(f.value("alpha")) && Double.isNaN(f.value("beta")));
        assertTrue(f.reason().startsWith("2 thread counts measured"), f.reason());
        assertTrue(f.reason().contains("at least 4"), f.reason());
    }
}
