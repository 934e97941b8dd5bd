package dev.flopcal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flopcal.reporting.Tables;

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
    void tablesPadColumnsAndEscapeMarkdown() {
        assertEquals("a    bb\nccc  d\n", Tables.text(List.of(new String[] {"a", "bb"}, new String[] {"ccc", "d"})));
        assertEquals("| x | y\\|z |\n| --- | --- |\n| 1 | 2 |\n",
                Tables.markdown(List.of(new String[] {"x", "y|z"}, new String[] {"1", "2"})));
    }
}
