package dev.flopcal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.Precision;
import dev.flopcal.measurement.JmhRecord;

class MeasurementsTest {

    /** A GEMM record of two forks (JVMs) of four iterations each, at the given per-fork rates. */
    private static JmhRecord gemm(int n, double first, double second) {
        List<List<Double>> forks = new ArrayList<>();
        for (double rate : new double[] {first, second}) {
            forks.add(List.of(rate * 0.99, rate, rate, rate * 1.01));
        }
        return new JmhRecord("dev.flopcal.benchmarks.GemmBenchmark.multiply",
                Map.of("precision", "fp32", "size", Integer.toString(n), "threads", "2"), "ops", (first + second) / 2,
                Double.NaN, "ops/s", forks, "25", "1.37");
    }

    @Test
    void aJvmADisturbanceHalvedIsSetAsideAndNamedInTheNotes() {
        // six shapes whose JVMs differ by 2-6%, and one whose first JVM ran at half the rate
        List<JmhRecord> records = List.of(gemm(64, 100e9, 104e9), gemm(96, 150e9, 147e9), gemm(128, 200e9, 206e9),
                gemm(192, 250e9, 244e9), gemm(256, 300e9, 309e9), gemm(384, 320e9, 313e9), gemm(512, 165e9, 330e9));
        Measurements m = Measurements.of("test", records);
        Measurements.Point disturbed = m.gemm().get(Precision.FP32).get(6);
        assertEquals(512, disturbed.n());
        assertEquals(1, disturbed.jvms().size());
        assertEquals(330e9, disturbed.jvms().get(0).rate(), 1e-3);
        assertEquals(165e9, disturbed.setAside().get(0).rate(), 1e-3);
        assertTrue(m.gemm().get(Precision.FP32).subList(0, 6).stream()
                .allMatch(p -> p.jvms().size() == 2 && p.setAside().isEmpty()), "2-6% apart is the usual spread");
        List<String> note = CpuProfileBuilder.setAsideNote(m);
        assertEquals(1, note.size());
        assertTrue(note.get(0).startsWith("1 JVM figure was set aside as disturbed"), note.get(0));
        assertTrue(note.get(0).contains("fp32 GEMM n=512 t=2: 1.650e+11 against 3.300e+11 FLOP/s"), note.get(0));
    }

    @Test
    void withTooFewPairsToJudgeNothingIsSetAside() {
        Measurements m = Measurements.of("test", List.of(gemm(64, 100e9, 104e9), gemm(512, 165e9, 330e9)));
        assertTrue(m.gemm().get(Precision.FP32).stream().allMatch(p -> p.setAside().isEmpty()));
    }

    @Test
    void fittingWeightsAddTheSpreadBetweenJvmsToEachJvmsOwnError() {
        Measurements m = Measurements.of("test", List.of(gemm(64, 100e9, 104e9)));
        List<dev.flopcal.fitting.Observation> within = Measurements.observations(m.gemm().get(Precision.FP32),
                Measurements.Point::n);
        List<dev.flopcal.fitting.Observation> both = Measurements.observations(m.gemm().get(Precision.FP32),
                Measurements.Point::n, 0.05);
        // by hand: a 5% spread of a 100e9 rate is 5e9, added in quadrature to the JVM's own error
        double own = within.get(0).sigma();
        assertEquals(Math.sqrt(own * own + 5e9 * 5e9), both.get(0).sigma(), 1e-3);
        assertEquals(100e9, both.get(0).y(), 1e-3);
        assertEquals(within, Measurements.observations(m.gemm().get(Precision.FP32), Measurements.Point::n, Double.NaN));
    }
}
