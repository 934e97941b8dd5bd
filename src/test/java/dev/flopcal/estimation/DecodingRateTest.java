package dev.flopcal.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecodingRateTest {
    private static Estimate estimate(String keys) {
        return Estimator.shipped().estimate(Requests.of(keys));
    }

    @Test
    void sevenBillionBf16ParametersDecodeAtBatchOneAtTheBandwidthBound() {
        Estimate e = estimate("'mode': 'inference', 'params': 7e9, 'tokens': 1e6, 'profile': 'h100-sxm-80gb', 'devices': 1");
        // every step reads 7e9 × 2 bytes; 3,350 GB/s allows at most 3350 / 14 = 239.3 tokens/s, and decoding reaches
        // 1397.31 / 2039 of the datasheet bandwidth (gpt-fast on an A100)
        double bound = 3350e9 / 14e9;
        double expected = bound * 1397.31 / 2039;
        assertEquals(expected, e.tokensPerSecondPerDevice(), 1e-9 * expected);
        assertTrue(e.tokensPerSecondPerDevice() >= 50 && e.tokensPerSecondPerDevice() <= 240);
        assertEquals("memory bandwidth", e.limitedBy());
        assertEquals(1e6 / expected / 3600, e.scenarios().base().deviceHours(), 1e-9);
        // compute would allow far more: 2 · 7e9 FLOPs per token at the predicted MFU
        assertTrue(e.decoding().computeBoundTokensPerSecond() > 50 * bound);
    }

    @Test
    void aLargeBatchTurnsDecodingComputeBoundAndKeysAndValuesAreRead() {
        String job = "'mode': 'inference', 'params': 7e9, 'tokens': 1e9, 'profile': 'h100-sxm-80gb', 'devices': 1,"
                + " 'layers': 32, 'dModel': 4096, 'seqLen': 4096, 'utilization': 0.5, 'contextTokens': 100,"
                + " 'batchSize': ";
        Estimate small = estimate(job + "1");
        // keys and values: 2 · 32 · 4096 values × 2 bytes per token of context, 100 tokens
        double kv = 2.0 * 32 * 4096 * 2 * 100;
        assertEquals(14e9 + kv, small.decoding().bytesPerStep(), 1);
        Estimate big = estimate(job + "4096");
        assertEquals("compute", big.limitedBy());
        double flopsPerToken = 2 * 7e9 + 4.0 * 32 * 4096 * 4096;
        assertEquals(0.5 * 989.4e12 / flopsPerToken, big.tokensPerSecondPerDevice(), 1e-6);
        assertEquals(14e9 + 4096 * kv, big.decoding().bytesPerStep(), 1e3);
        assertEquals((14e9 + 4096 * kv) / 1e9, big.memoryPerDeviceGb().total(), 1e-6);
    }

    @Test
    void promptsAreProcessedAtTheComputeRateAndWeightsCanBeQuantized() {
        Estimate e = estimate("'mode': 'inference', 'params': 7e9, 'tokens': 1e6, 'profile': 'h100-sxm-80gb',"
                + " 'devices': 1, 'utilization': 0.4, 'promptTokens': 1e7, 'weightBytesPerParam': 1");
        double prefill = 1e7 * 2 * 7e9 / (0.4 * 989.4e12) / 3600;
        double decode = 1e6 / (3350e9 * 1397.31 / 2039 / 7e9) / 3600;
        assertEquals(prefill, e.decoding().prefillDeviceHours(), 1e-12);
        assertEquals(prefill + decode, e.scenarios().base().deviceHours(), 1e-9);
        assertEquals(2 * 7e9 * (1e6 + 1e7), e.flops(), 1e3);
    }
}
