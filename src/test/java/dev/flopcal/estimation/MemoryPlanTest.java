package dev.flopcal.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.InvalidInputException;

class MemoryPlanTest {
    private static Estimate estimate(String keys) {
        return Estimator.shipped().estimate(Requests.of(keys));
    }

    @Test
    void seventyBillionParametersOnTwoEightyGigabyteDevicesAreRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> estimate(
                "'params': 70e9, 'tokens': 1e12, 'profile': 'h100-sxm-80gb', 'devices': 2"));
        // bf16 weights 2 + gradients 2 + fp32 master weights 4 + Adam's two fp32 moments 8 = 16 bytes per parameter:
        // 70e9 × 16 = 1.12e12 bytes, 5.6e11 per device over 2 > 8e10; 1.12e12 / 8e10 = 14 devices
        assertTrue(e.getMessage().contains("1,120 GB"), e.getMessage());
        assertTrue(e.getMessage().contains("560 GB per device even fully sharded over --devices 2"), e.getMessage());
        assertTrue(e.getMessage().contains("h100-sxm-80gb has 80.0 GB: at least 14 devices are needed"), e.getMessage());
        // 14 devices hold them fully sharded: 1.12e12 / 14 = 80 GB
        Estimate fits = estimate("'params': 70e9, 'tokens': 1e12, 'profile': 'h100-sxm-80gb', 'devices': 14");
        assertEquals(3, fits.memoryPerDeviceGb().zeroStage());
        assertEquals(80.0, fits.memoryPerDeviceGb().total(), 1e-9);
    }

    @Test
    void zeroStagesShardOptimizerStatesThenGradientsThenWeights() {
        // 7e9 parameters on 8 devices: weights 14 GB, gradients 14 GB, master weights and Adam moments 84 GB
        String job = "'params': 7e9, 'tokens': 1e12, 'profile': 'a100-sxm-80gb', 'devices': 8, 'zeroStage': ";
        Estimate.MemoryPerDevice s0 = estimate(job + "0").memoryPerDeviceGb();
        assertEquals(14 + 14 + 84, s0.total(), 1e-9);
        assertEquals(16, s0.bytesPerParam(), 0);
        Estimate.MemoryPerDevice s1 = estimate(job + "1").memoryPerDeviceGb();
        assertEquals(14 + 14 + 84 / 8.0, s1.total(), 1e-9);
        Estimate.MemoryPerDevice s2 = estimate(job + "2").memoryPerDeviceGb();
        assertEquals(14 + (14 + 84) / 8.0, s2.total(), 1e-9);
        Estimate.MemoryPerDevice s3 = estimate(job + "3").memoryPerDeviceGb();
        assertEquals(112 / 8.0, s3.total(), 1e-9);
        assertEquals(14 / 8.0, s3.weights(), 1e-9);
        // unasked, the lowest stage that fits 80 GB: stage 1 (38.5 GB)
        Estimate auto = estimate("'params': 7e9, 'tokens': 1e12, 'profile': 'a100-sxm-80gb', 'devices': 8");
        assertEquals(1, auto.memoryPerDeviceGb().zeroStage());
        assertEquals(80, auto.memoryPerDeviceGb().available(), 0);
        // a given stage that does not fit, where a higher one would: a warning naming it
        Estimate zero = estimate(job + "0");
        assertTrue(zero.notes().stream().anyMatch(n -> n.contains("ZeRO stage 0 needs 112 GB") && n.contains(
                "--zero-stage 1 fits (38.5 GB)")), zero.notes().toString());
        assertEquals(Boolean.FALSE, zero.memoryPerDeviceGb().fits());
    }

    @Test
    void otherOptimizersAndPrecisionsHoldOtherStates() {
        // SGD with momentum: 2 + 2 + 4 + 4 = 12 bytes; fp32 Adam: 4 + 4 + 0 + 8 = 16 bytes
        assertEquals(12, estimate("'params': 1e9, 'tokens': 1e10, 'profile': 'a100-sxm-80gb', 'devices': 1,"
                + " 'optimizer': 'sgd'").memoryPerDeviceGb().bytesPerParam(), 0);
        assertEquals(16, estimate("'params': 1e9, 'tokens': 1e10, 'profile': 'a100-sxm-80gb', 'devices': 1,"
                + " 'precision': 'fp32'").memoryPerDeviceGb().bytesPerParam(), 0);
        assertEquals(8, estimate("'params': 1e9, 'tokens': 1e10, 'profile': 'a100-sxm-80gb', 'devices': 1,"
                + " 'optimizer': 'adafactor'").memoryPerDeviceGb().bytesPerParam(), 0);
    }

    @Test
    void tensorAndPipelineParallelismDivideTheParametersAndActivationsFollowTheArchitecture() {
        // 70e9 parameters, t = 8, p = 4, on 64 devices: d = 2; ZeRO-1 shards the 12 optimizer bytes over 2
        Estimate e = estimate("'params': 70e9, 'tokens': 1e12, 'profile': 'h100-sxm-80gb', 'devices': 64,"
                + " 'tensorParallel': 8, 'pipelineParallel': 4, 'zeroStage': 1, 'layers': 80, 'dModel': 8192,"
                + " 'seqLen': 4096, 'microBatchSize': 1");
        Estimate.MemoryPerDevice m = e.memoryPerDeviceGb();
        double perDevice = 70e9 / 32;
        assertEquals(2, m.dataParallel());
        assertEquals(perDevice * 2 / 1e9, m.weights(), 1e-9);
        assertEquals(perDevice * 12 / 2 / 1e9, m.optimizerStates(), 1e-9);
        // 34 bytes per token, layer and unit of width, over t: 80 · 4096 · 1 · 8192 · 34 / 8
        assertEquals(80.0 * 4096 * 8192 * 34 / 8 / 1e9, m.activations(), 1e-9);
        Estimate recompute = estimate("'params': 70e9, 'tokens': 1e12, 'profile': 'h100-sxm-80gb', 'devices': 64,"
                + " 'tensorParallel': 8, 'pipelineParallel': 4, 'zeroStage': 1, 'layers': 80, 'dModel': 8192,"
                + " 'seqLen': 4096, 'microBatchSize': 1, 'recompute': true");
        assertEquals(80.0 * 4096 * 8192 * 2 / 8 / 1e9, recompute.memoryPerDeviceGb().activations(), 1e-9);
        assertNull(estimate("'params': 7e9, 'tokens': 1e12, 'profile': 'h100-sxm-80gb', 'devices': 8")
                .memoryPerDeviceGb().activations());
    }

    @Test
    void withoutAModelSizeOrAMemorySizeNothingIsChecked() {
        assertNull(estimate("'devices': 512, 'days': 14, 'price': 5").memoryPerDeviceGb());
        Estimate noProfile = estimate("'params': 7e9, 'tokens': 1e12, 'devices': 8, 'tokensPerSecondPerDevice': 3000");
        assertNull(noProfile.memoryPerDeviceGb().available());
        assertTrue(noProfile.notes().stream().anyMatch(n -> n.contains("memory per device not checked")));
    }
}
