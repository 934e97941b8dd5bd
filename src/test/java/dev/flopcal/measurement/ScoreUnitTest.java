package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScoreUnitTest {
    /** Every score is 10 operations per second, written in each of JMH's units. */
    @ParameterizedTest(name = "{1} {0} = 10 ops/s")
    @CsvSource({"ops/s, 10", "ops/ms, 0.01", "ops/us, 1e-5", "ops/ns, 1e-8", "ops/min, 600", "ops/hr, 36000",
            "ops/day, 864000", "s/op, 0.1", "ms/op, 100", "us/op, 1e5", "ns/op, 1e8", "min/op, 0.0016666666666666668",
            "hr/op, 2.777777777777778e-5", "day/op, 1.1574074074074073e-6"})
    void everyJmhUnitConvertsToOperationsPerSecond(String unit, double score) {
        ScoreUnit u = ScoreUnit.parse(unit).orElseThrow();
        assertEquals(unit.startsWith("ops/"), u.throughput());
        assertEquals(10, u.perSecond(score), 1e-9);
        // a 5% error stays 5% of the rate, whichever way the unit runs
        assertEquals(0.5, u.errorPerSecond(score, 0.05 * score), 1e-9);
    }

    @Test
    void aTimeErrorKeepsItsRelativeSizeBetweenTheTwoSidesOfTheInvertedInterval() {
        ScoreUnit msPerOp = ScoreUnit.parse("ms/op").orElseThrow();
        double t = 4, e = 0.4; // 4 ms ± 10%
        double rate = msPerOp.perSecond(t), half = msPerOp.errorPerSecond(t, e);
        assertEquals(250, rate, 1e-9);
        assertEquals(25, half, 1e-9);
        double above = 1 / ((t - e) * 1e-3) - rate, below = rate - 1 / ((t + e) * 1e-3);
        assertTrue(below < half && half < above, below + " < " + half + " < " + above);
        assertEquals((above + below) / 2 * (1 - 0.01), half, 1e-9, "the mean of the two sides times 1 - x²");
        assertTrue(Double.isNaN(msPerOp.errorPerSecond(t, Double.NaN)), "an unknown error stays unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ops/fortnight", "ops/sec", "B/s", "ops", "op/s", "", "GB/s/op"})
    void otherUnitsAreNotJmhScoreUnits(String unit) {
        assertTrue(ScoreUnit.parse(unit).isEmpty(), unit);
    }

    @Test
    void theAcceptedListNamesBothKinds() {
        assertTrue(ScoreUnit.accepted().contains("ops/min") && ScoreUnit.accepted().contains("ns/op"));
    }
}
