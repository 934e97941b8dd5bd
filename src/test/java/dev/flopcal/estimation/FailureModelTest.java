package dev.flopcal.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailureModelTest {
    private static double lost(double interval) {
        return new FailureModel(0.1, 0.25, 1.0 / 50, 0, interval).totalLostFraction();
    }

    @Test
    void youngDalyIntervalIsSqrtOfTwoTimesWriteTimeTimesMtbf() {
        assertEquals(Math.sqrt(10), FailureModel.youngDalyIntervalHours(0.1, 50), 1e-12);
        assertEquals(1.0, FailureModel.youngDalyIntervalHours(0.01, 50), 1e-12);
    }

    @Test
    void youngDalyIntervalMinimizesTheLostFraction() {
        double best = FailureModel.youngDalyIntervalHours(0.1, 50);
        assertTrue(lost(best) < lost(best * 1.2));
        assertTrue(lost(best) < lost(best / 1.2));
        // at the optimum the write stalls and the half-interval losses are equal: C/τ = τ/(2·MTBF)
        assertEquals(0.1 / best, best / 2 / 50, 1e-12);
    }

    @Test
    void lostFractionIsWritesPlusHalfAnIntervalAndRestartPerInterruption() {
        FailureModel model = new FailureModel(0.05, 0.25, 0.02, 0.01, 2);
        assertEquals(0.025, model.checkpointWriteFraction(), 1e-15);
        assertEquals(1.25, model.lostHoursPerInterruption(), 1e-15);
        assertEquals(0.025, model.failureLostFraction(), 1e-15);
        assertEquals(0.0125, model.spotLostFraction(), 1e-15);
        assertEquals(0.0625, model.totalLostFraction(), 1e-15);
        assertEquals(1 / 0.03, model.jobMtbfHours(), 1e-12);
    }

    @Test
    void asynchronousCheckpointsCostNothingToWrite() {
        assertEquals(0, new FailureModel(0, 0.25, 0.02, 0, 0).checkpointWriteFraction());
    }
}
