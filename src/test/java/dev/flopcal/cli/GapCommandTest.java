package dev.flopcal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class GapCommandTest {

    @Test
    void smallRunPrintsEveryWorkloadAndTheRatios() {
        Cli r = Cli.run("gap", "--precision", "fp64", "--size", "37", "--rounds", "2", "--slice-ms", "5");
        assertEquals(0, r.exit(), r.err());
        for (String expected : new String[] {"GEMM gap: fp64, n=37, 1 thread, 2 rounds of 5 ms", "fma", "micro-kernel",
                "gemm", "micro-kernel / fma", "gemm / micro-kernel", "gemm / fma", "12x16"}) {
            assertTrue(r.out().contains(expected), "missing '" + expected + "' in\n" + r.out());
        }
        // the native reference is optional: either it ran, or the report says why not
        assertTrue(r.out().contains("gemm / native") || r.out().contains("no native reference"), r.out());
    }

    @Test
    void onTwoThreadsEveryWorkloadRunsOnBothAndTheRunWaitsForIdleThreads() {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two hardware threads");
        Cli r = Cli.run("gap", "--precision", "fp32", "--size", "50", "--threads", "2", "--rounds", "1",
                "--slice-ms", "5");
        assertEquals(0, r.exit(), r.err());
        for (String expected : new String[] {"GEMM gap: fp32, n=50, 2 threads", "one copy per thread",
                "waited for idle threads", "gemm / micro-kernel"}) {
            assertTrue(r.out().contains(expected), "missing '" + expected + "' in\n" + r.out());
        }
    }

    @Test
    void badInputExitsTwoNamingTheValue() {
        String[][] cases = {
            {"--precision", "bf16"}, {"--precision", "fp33"}, {"--size", "0"}, {"--rounds", "-3"},
            {"--slice-ms", "0"}, {"--size", "ten"}, {"--size", "100000"}, {"--threads", "0"}, {"--threads", "4097"},
            {"--threads", "two"},
        };
        for (String[] c : cases) {
            Cli r = Cli.run("gap", c[0], c[1]);
            assertEquals(2, r.exit(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().contains(c[1]), "message should name " + c[1] + ": " + r.err());
            assertTrue(r.out().isEmpty(), r.out());
        }
    }
}
