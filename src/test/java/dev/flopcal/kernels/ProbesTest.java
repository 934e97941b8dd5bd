package dev.flopcal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.Precision;

class ProbesTest {
    private final List<Probes> implementations = List.of(new VectorProbes(), new ScalarProbes());

    @Test
    void fmaChainsMatchTheirClosedFormInBothImplementations() {
        for (Probes probes : implementations) {
            for (Precision p : List.of(Precision.FP32, Precision.FP64)) {
                for (long n : new long[] {1, 17, 1000, 100_000}) {
                    double expected = probes.fmaExpected(p, n);
                    assertEquals(expected, probes.fma(p, n), Probes.fmaTolerance(p) * Math.abs(expected), probes.name() + " " + p + " n=" + n);
                }
            }
        }
    }

    @Test
    void verifyFmaPassesForBothImplementationsAndCatchesAWrongProbe() {
        for (Probes probes : implementations) {
            probes.verifyFma(Precision.FP32, 1024);
            probes.verifyFma(Precision.FP64, 1024);
        }
        ScalarProbes good = new ScalarProbes();
        Probes broken = new Probes() { // returns what a probe the JIT removed would
            public String name() { return "broken"; }
            public double fma(Precision precision, long iterations) { return 0; }
            public double fmaExpected(Precision precision, long iterations) { return good.fmaExpected(precision, iterations); }
            public long fmaOperations(Precision precision, long iterations) { return good.fmaOperations(precision, iterations); }
            public int fmaChains() { return good.fmaChains(); }
            public String fmaPath(Precision precision) { return "broken"; }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.verifyFma(Precision.FP64, 1024));
        assertTrue(e.getMessage().contains("computed 0.0, closed form gives"), e.getMessage());
    }

    @Test
    void fmaOperationCountIsChainsTimesLanesTimesTwo() {
        VectorProbes v = new VectorProbes();
        int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        assertEquals(1000L * v.fmaChains() * lanes * 2, v.fmaOperations(Precision.FP32, 1000));
        assertEquals(1000L * 8 * 2, new ScalarProbes().fmaOperations(Precision.FP64, 1000));
    }

    @Test
    void fmaRejectsOtherPrecisions() {
        assertThrows(IllegalArgumentException.class, () -> new VectorProbes().fma(Precision.BF16, 1));
    }
}
