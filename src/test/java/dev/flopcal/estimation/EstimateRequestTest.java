package dev.flopcal.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How flags override a job file, concern by concern. */
class EstimateRequestTest {
    private static final EstimateRequest FILE = Requests.of("'flops': 1e22, 'tokens': 1e12, 'mode': 'lora', 'devices': 8,"
            + " 'days': 2, 'utilization': 0.4, 'price': 3, 'pricing': 'spot', 'spotDiscount': 0.7, 'pue': 1.2");

    @Test
    void anOptionThatSizesTheModelDropsTheFilesFlopsButNotItsTokensOrMode() {
        EstimateRequest merged = FILE.overriddenBy(Requests.of("'layers': 32"));
        assertNull(merged.job().flops());
        assertEquals(32, merged.job().layers());
        assertEquals(1e12, merged.job().tokens());
        assertEquals(WorkloadMode.ADAPTER, merged.job().mode());
    }

    @Test
    void flopsDropTheFilesModelSize() {
        EstimateRequest sized = Requests.of("'params': 7e9, 'activeParams': 1e9, 'layers': 32, 'dModel': 4096, 'seqLen': 2048,"
                + " 'recompute': true, 'tokens': 1e12");
        EstimateRequest merged = sized.overriddenBy(Requests.of("'flops': 1e22"));
        assertEquals(new EstimateRequest.Job(1e22, null, null, 1e12, null, null, null, null, null), merged.job());
    }

    @Test
    void optionsThatDecideTheSameThingReplaceEachOtherAsAPair() {
        EstimateRequest hours = FILE.overriddenBy(Requests.of("'hours': 5"));
        assertEquals(new EstimateRequest.Duration(null, 5.0), hours.duration());
        EstimateRequest rate = FILE.overriddenBy(Requests.of("'tokensPerSecondPerDevice': 900"));
        assertEquals(new EstimateRequest.Throughput(null, null, 900.0), rate.throughput());
    }

    @Test
    void aNewUtilizationDropsTheKindThatQualifiedTheFilesOne() {
        EstimateRequest hfu = Requests.of("'utilization': 0.5, 'utilizationKind': 'hfu'");
        assertEquals(new EstimateRequest.Throughput(0.4, null, null),
                hfu.overriddenBy(Requests.of("'utilization': 0.4")).throughput());
        assertEquals(new EstimateRequest.Throughput(0.5, UtilizationKind.MFU, null),
                hfu.overriddenBy(Requests.of("'utilizationKind': 'mfu'")).throughput());
    }

    @Test
    void layoutAndDecodingOptionsAreReplacedOneByOne() {
        EstimateRequest file = Requests.of("'optimizer': 'sgd', 'zeroStage': 1, 'tensorParallel': 8, 'batchSize': 4,"
                + " 'contextTokens': 2048");
        EstimateRequest merged = file.overriddenBy(Requests.of("'zeroStage': 3, 'batchSize': 16"));
        assertEquals(new EstimateRequest.Parallelism(Optimizer.SGD, 3, 8, null, null), merged.parallelism());
        assertEquals(new EstimateRequest.Inference(16, 2048, null, null, null), merged.inference());
    }

    @Test
    void everyOtherOptionIsReplacedAlone() {
        EstimateRequest merged = FILE.overriddenBy(Requests.of("'pricing': 'reserved', 'devices': 16, 'electricityPrice': 0.1"));
        assertEquals(new EstimateRequest.Pricing(3.0, PricingModel.RESERVED, null), merged.pricing());
        assertEquals(0.7, merged.spot().spotDiscount());
        assertEquals(16, merged.hardware().devices());
        assertEquals(new EstimateRequest.Energy(null, null, 1.2, 0.1, null), merged.energy());
        assertEquals(FILE.duration(), merged.duration());
        assertEquals(FILE.job(), merged.job());
    }
}
