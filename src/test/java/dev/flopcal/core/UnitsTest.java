package dev.flopcal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void ratesUseSiPrefixes() {
        assertEquals("123.4 GFLOP/s", Units.rate(1.234e11, "FLOP/s"));
        assertEquals("1.000 TFLOP/s", Units.rate(1e12, "FLOP/s"));
        assertEquals("999.0 B/s", Units.rate(999.0, "B/s"));
        assertEquals("n/a", Units.rate(null, "FLOP/s"));
        assertEquals("n/a", Units.rate(Double.NaN, "FLOP/s"));
    }

    @Test
    void percentagesRatiosAndDurations() {
        assertEquals("83.1%", Units.percent(0.8312));
        assertEquals("±2.0%", Units.plusMinus(2.0, 100));
        assertEquals("", Units.plusMinus(null, 100));
        assertEquals("0.831", Units.ratio(0.8312));
        assertEquals("52.4% ±7.9 pp", Units.percentWithError(0.5236, 0.0788));
        assertEquals("52.4%", Units.percentWithError(0.5236, null));
        assertEquals("n/a", Units.percentWithError(null, 0.1));
        assertEquals("1m 05s", Units.duration(65));
        assertEquals("4.2 s", Units.duration(4.2));
    }

    @Test
    void confidenceLevelsDropANeedlessDecimal() {
        assertEquals("95%", Units.confidence(0.95));
        assertEquals("99.9%", Units.confidence(0.999));
        assertEquals("n/a", Units.confidence(null));
    }

    @Test
    void countsNameTheirNounInTheRightNumber() {
        assertEquals("1 thread", Units.count(1, "thread"));
        assertEquals("2 threads", Units.count(2, "thread"));
        assertEquals("0 published runs", Units.count(0, "published run"));
    }

    @Test
    void tickLabelsDropNeedlessFractions() {
        assertEquals("0.1", Units.plain(0.1));
        assertEquals("150", Units.plain(150));
        assertEquals("0.01", Units.plain(0.01));
        assertEquals("0.0125", Units.plain(0.0125));
        assertEquals("2.46", Units.plain(2.4567));
        assertEquals("1.50e-05", Units.plain(1.5e-5));
        assertEquals("100 G", Units.si(1e11));
        assertEquals("2.5 T", Units.si(2.5e12));
        assertEquals("10", Units.si(10));
    }

    @Test
    void oneScaleForAnAxisFromItsLargestValue() {
        assertEquals("G", Units.Scale.of(999e9).prefix());
        assertEquals("T", Units.Scale.of(1e12).prefix());
        assertEquals(new Units.Scale(1e12, "T"), Units.Scale.of(999.9999999999e9), "a rounding error below 1 T is T");
        assertEquals(new Units.Scale(1, ""), Units.Scale.of(0.5));
        assertEquals(new Units.Scale(1e18, "E"), Units.Scale.of(3e24), "E is the largest prefix");
    }
}
