package dev.flopcal.fitting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class HockneyTest {
    private static final double R_INF = 1.5e11;
    private static final double N_HALF = 120;

    /** Rates at the given sizes with 3% Gaussian noise, seeded. */
    static List<Observation> synthetic(long seed, double relativeNoise, int... sizes) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Observation> out = new ArrayList<>();
        for (int n : sizes) {
            double truth = Hockney.rate(n, R_INF, N_HALF);
            double sigma = relativeNoise * truth;
            double noise = sigma * gaussian(random);
            out.add(new Observation(n, truth + noise, sigma));
        }
        return out;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void recoversKnownParametersFromNoisyDataStartingFromAPoorGuess() {
        int covered = 0;
        for (long seed = 1; seed <= 20; seed++) {
            List<Observation> data = synthetic(seed, 0.03, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 2048);
            FitResult f = Hockney.fit(data, new double[] {1e9, 5000});
            assertTrue(f.hasValues(), f.reason());
            assertEquals(R_INF, f.value("rInf"), 0.05 * R_INF, "seed " + seed);
            assertEquals(N_HALF, f.value("nHalf"), 0.25 * N_HALF, "seed " + seed);
            assertTrue(f.standardError("rInf") > 0);
            assertTrue(f.r2() > 0.95, "R² " + f.r2());
            assertEquals(data.size() - 2, f.dof());
            if (f.parameter("rInf").low() <= R_INF && R_INF <= f.parameter("rInf").high()) {
                covered++;
            }
        }
        // a 95% interval should cover the truth in most of 20 seeded experiments
        assertTrue(covered >= 16, "95% intervals covered r∞ in " + covered + " of 20");
    }

    @Test
    void residualsAreObservedMinusFitted() {
        List<Observation> data = synthetic(7, 0.02, 64, 128, 256, 512);
        FitResult f = Hockney.fit(data);
        for (int i = 0; i < data.size(); i++) {
            assertEquals(data.get(i).y() - f.fitted()[i], f.residuals()[i], 1e-6 * data.get(i).y());
            assertEquals(Hockney.rate(data.get(i).x(), f.value("rInf"), f.value("nHalf")), f.fitted()[i], 1e-6 * data.get(i).y());
        }
        assertTrue(f.rms() > 0);
    }

    @Test
    void oneSizeIsNotEnoughAndSaysWhy() {
        FitResult f = Hockney.fit(synthetic(1, 0.02, 512, 512));
        assertFalse(f.hasValues());
        assertTrue(Double.isNaN(f.value("rInf")));
        assertTrue(f.reason().contains("needs at least 2"), f.reason());
    }

    @Test
    void twoSizesFitExactlyButHaveNoUncertainty() {
        FitResult f = Hockney.fit(synthetic(1, 0.0001, 256, 1024));
        assertTrue(f.hasValues());
        assertTrue(Double.isNaN(f.standardError("rInf")));
        assertNotNull(f.reason());
        assertTrue(f.reason().contains("no degrees of freedom"), f.reason());
    }
}
