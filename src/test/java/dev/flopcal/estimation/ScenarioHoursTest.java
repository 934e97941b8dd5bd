package dev.flopcal.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScenarioHoursTest {
    /** Writes lose 0.1 h per useful hour; 0.01 failures per hour lose 0.5 + 1 / 2 h each: 0.11 in all. */
    private static final FailureModel FAILURES = new FailureModel(0.1, 0.5, 0.01, 0, 1.0);
    private static final ScenarioFactors FITTED = new ScenarioFactors(0.4, "fitted", null, 1.25, "fitted slow", 1.6,
            "fitted overhead");

    private static BaseThroughput base(double deviceHours, Double measuredSlow) {
        return new BaseThroughput(deviceHours, null, null, null, null, "test", measuredSlow,
                measuredSlow == null ? null : "measured", null, "compute", null);
    }

    @Test
    void eachScenarioMultipliesThePreviousOne() {
        Assumptions assume = new Assumptions();
        ScenarioHours hours = ScenarioHours.of(base(100, null), new EstimateRequest.Overheads(1.2, null, 1.5, 2.0), FITTED,
                FAILURES, assume);
        assertEquals(150, hours.slow(), 1e-12);
        assertEquals(300, hours.overhead(), 1e-12);
        assertEquals(300 * 1.11 * 1.2, hours.retry(), 1e-9);
        assertEquals("given (--slow-factor)", assume.map().get("slowFactor").source());
    }

    @Test
    void theFittedFactorsApplyWhenNoneAreGiven() {
        Assumptions assume = new Assumptions();
        ScenarioHours hours = ScenarioHours.of(base(100, null), EstimateRequest.Overheads.EMPTY, FITTED, FAILURES, assume);
        assertEquals(125, hours.slow(), 1e-12);
        assertEquals(200, hours.overhead(), 1e-12);
        assertEquals(200 * 1.11, hours.retry(), 1e-9);
        assertEquals("fitted overhead", assume.map().get("overheadFactor").source());
    }

    @Test
    void aMeasuredRateBringsItsOwnSlowFactorAndAGivenOneStillWins() {
        Assumptions assume = new Assumptions();
        ScenarioHours hours = ScenarioHours.of(base(100, 1.02), EstimateRequest.Overheads.EMPTY, FITTED, FAILURES, assume);
        assertEquals(102, hours.slow(), 1e-12);
        assertEquals("measured", assume.map().get("slowFactor").source());
        ScenarioHours given = ScenarioHours.of(base(100, 1.02), new EstimateRequest.Overheads(null, null, 1.3, null),
                FITTED, FAILURES, new Assumptions());
        assertEquals(130, given.slow(), 1e-12);
    }
}
