package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.InvalidInputException;

class JmhResultsTest {

    static String golden() {
        try (InputStream in = JmhResultsTest.class.getResourceAsStream("/dev/flopcal/golden/default-2c.jmh.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheRateMetricOfEveryResultOfARealCalibration() {
        List<JmhRecord> records = JmhResults.parse("golden", golden());
        assertEquals(58, records.size());
        JmhRecord gemm = records.stream().filter(r -> r.shortName().equals("GemmBenchmark.multiply")).findFirst().orElseThrow();
        assertEquals("ops", gemm.metric());
        assertEquals("ops/s", gemm.unit());
        assertTrue(gemm.score() > 1e9, "a GEMM runs at GFLOP/s");
        assertEquals(8, gemm.iterations().size());
        assertTrue(gemm.error() > 0);
        JmhRecord bw = records.stream().filter(r -> r.shortName().equals("BandwidthBenchmark.triad")).findFirst().orElseThrow();
        assertEquals("bytes", bw.metric());
        assertEquals("25.0.3", records.get(0).jdkVersion());
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JmhResults.parse("r.json", "[\n {\"benchmark\": }"));
        assertTrue(e.getMessage().startsWith("r.json:2:"), e.getMessage());
    }

    @Test
    void otherJsonIsRejectedWithWhatWasExpected() {
        assertTrue(assertThrows(InvalidInputException.class, () -> JmhResults.parse("x", "{}")).getMessage()
                .contains("expected a JSON array"));
        assertTrue(assertThrows(InvalidInputException.class, () -> JmhResults.parse("x", "[{\"params\":{}}]")).getMessage()
                .contains("result #1 has no 'benchmark'"));
    }

    @Test
    void nanErrorsAreRead() {
        String json = "[{\"benchmark\":\"a.B.c\",\"params\":{\"size\":\"64\",\"precision\":\"fp32\"},"
                + "\"primaryMetric\":{\"score\":5.0,\"scoreError\":\"NaN\",\"scoreUnit\":\"ops/s\",\"rawData\":[[5.0]]}}]";
        JmhRecord r = JmhResults.parse("x", json).get(0);
        assertEquals("primary", r.metric());
        assertTrue(Double.isNaN(r.error()));
        assertEquals(64, r.intParam("size"));
    }
}
