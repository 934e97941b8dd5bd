package dev.flopcal.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.InvalidInputException;

class WorkloadTest {
    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-12);
    }

    @Test
    void denseTrainingIsSixNd() {
        assertRelative(3.15e23, Workload.training(175e9, 300e9).flops());
        assertEquals(6 * 7e9, Workload.training(7e9, 1).flopsPerToken());
        assertTrue(Workload.training(7e9, 2e12).formula().startsWith("6·N·D (training"));
    }

    @Test
    void mixtureOfExpertsCountsActiveParameters() {
        Workload deepSeek = Workload.training(671e9, 14.8e12).withActiveParams(37e9);
        assertRelative(6 * 37e9 * 14.8e12, deepSeek.flops());
        assertTrue(deepSeek.formula().startsWith("6·N_active·D"), deepSeek.formula());
    }

    @Test
    void attentionTermIsTwelveLdtPerTokenForTraining() {
        // PaLM 540B: 118 layers, d_model 18432, sequence 2048 (Chowdhery et al. 2022, table 1 and appendix B)
        Workload palm = Workload.training(540.35e9, 780e9).withArchitecture(118, 18432, 2048);
        double attention = 12.0 * 118 * 18432 * 2048;
        assertRelative(6 * 540.35e9 + attention, palm.flopsPerToken());
        // appendix B: the attention term adds a few percent at this size
        double share = attention / (6 * 540.35e9);
        assertTrue(share > 0.01 && share < 0.05, "attention share " + share);
    }

    @Test
    void recomputeAddsOneForwardPassOfHardwareFlopsAndLeavesTheModelFlops() {
        Workload plain = Workload.training(1e9, 1e9).withArchitecture(10, 1000, 100);
        Workload recompute = plain.withRecompute(true);
        assertRelative(8e9 + 16.0 * 10 * 1000 * 100, recompute.hardwareFlopsPerToken());
        assertRelative(plain.flopsPerToken() + 2e9 + 4.0 * 10 * 1000 * 100, recompute.hardwareFlopsPerToken());
        assertRelative(plain.flopsPerToken(), recompute.flopsPerToken());
        assertRelative(plain.flopsPerToken(), plain.hardwareFlopsPerToken());
        // without an architecture: 8·N·D hardware FLOPs for 6·N·D model FLOPs
        Workload bare = Workload.training(7e9, 2e12).withRecompute(true);
        assertRelative(6 * 7e9 * 2e12, bare.flops());
        assertRelative(8 * 7e9 * 2e12, bare.hardwareFlops());
        assertTrue(bare.formula().contains("hardware FLOPs are 8·N·D"), bare.formula());
    }

    @Test
    void loraSkipsWeightGradientsAndInferenceIsForwardOnly() {
        Workload base = Workload.training(7e9, 1e9).withArchitecture(32, 4096, 4096);
        double ldt = 32.0 * 4096 * 4096;
        assertRelative(4 * 7e9 + 12 * ldt, base.withMode(WorkloadMode.ADAPTER).flopsPerToken());
        assertRelative(2 * 7e9 + 4 * ldt, base.withMode(WorkloadMode.INFERENCE).flopsPerToken());
        assertRelative(6 * 7e9 + 16 * ldt, base.withMode(WorkloadMode.ADAPTER).withRecompute(true).hardwareFlopsPerToken());
    }

    @Test
    void modeNamesIncludeAliases() {
        assertEquals(WorkloadMode.ADAPTER, WorkloadMode.parse("LoRA"));
        assertEquals(WorkloadMode.ADAPTER, WorkloadMode.parse("adapter"));
        assertEquals(WorkloadMode.TRAINING, WorkloadMode.parse("full"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> WorkloadMode.parse("distill"));
        assertTrue(e.getMessage().contains("'distill'"), e.getMessage());
    }

    @Test
    void inconsistentWorkloadsAreRejectedNamingTheValues() {
        InvalidInputException active = assertThrows(InvalidInputException.class,
                () -> Workload.training(7e9, 1e12).withActiveParams(8e9));
        assertTrue(active.getMessage().contains("--active-params 8000000000"), active.getMessage());
        InvalidInputException partial = assertThrows(InvalidInputException.class,
                () -> Workload.training(7e9, 1e12).withArchitecture(32, 0, 2048));
        assertTrue(partial.getMessage().contains("--d-model 0"), partial.getMessage());
        InvalidInputException inference = assertThrows(InvalidInputException.class,
                () -> Workload.training(7e9, 1e12).withMode(WorkloadMode.INFERENCE).withRecompute(true));
        assertTrue(inference.getMessage().contains("--recompute"), inference.getMessage());
        InvalidInputException nan = assertThrows(InvalidInputException.class, () -> Workload.training(Double.NaN, 1e12));
        assertTrue(nan.getMessage().contains("--params NaN"), nan.getMessage());
    }

    @Test
    void chinchillaSplitsABudgetIntoTwentyTokensPerParameter() {
        ComputeOptimal optimal = ComputeOptimal.chinchilla(5.76e23);
        assertRelative(Math.sqrt(5.76e23 / 120), optimal.params());
        assertRelative(20 * optimal.params(), optimal.tokens());
        // round trip through 6·N·D
        assertRelative(5.76e23, Workload.training(optimal.params(), optimal.tokens()).flops());
        // Chinchilla itself (published-runs.csv): 70B parameters, 1.4T tokens for 5.76e23 FLOPs
        assertEquals(70e9, optimal.params(), 0.02 * 70e9);
        assertEquals(1.4e12, optimal.tokens(), 0.02 * 1.4e12);
    }
}
