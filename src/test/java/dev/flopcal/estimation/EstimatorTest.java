package dev.flopcal.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.runs.PublishedRunFit;

class EstimatorTest {
    private static final Estimator ESTIMATOR = Estimator.shipped();

    private static Estimate estimate(EstimateRequest request) {
        return ESTIMATOR.estimate(request);
    }

    /**
     * 70B dense on 512 H100s, a job with every figure known, with {@code keys} added or replaced (see
     * {@link Requests#of}).
     */
    private static EstimateRequest h100Job(String keys) {
        return Requests.of("'params': 70e9, 'tokens': 2e12, 'profile': 'h100-sxm-80gb', 'devices': 512, 'price': 4")
                .overriddenBy(Requests.of(keys));
    }

    @Test
    void seedWorkedExampleIsExact() {
        // seed 002: 512 GPUs × 14 days (336 h) × 5 USD per GPU-hour = 860,160 USD before any overhead
        Estimate e = estimate(Requests.of("'devices': 512, 'days': 14, 'price': 5"));
        assertEquals(860_160.0, e.rawComputeCostUsd(), 0.0);
        assertEquals(336.0, e.scenarios().base().wallClockHours(), 0.0);
        assertEquals(172_032.0, e.scenarios().base().deviceHours(), 0.0);
        Estimate inHours = estimate(Requests.of("'devices': 512, 'hours': 336, 'price': 5"));
        assertEquals(860_160.0, inHours.rawComputeCostUsd(), 0.0);
    }

    @Test
    void scenariosArePublishedRunFactorsAppliedToTheBase() {
        Estimate e = estimate(h100Job(""));
        PublishedRunFit fit = PublishedRunFit.shipped();
        ScenarioFactors factors = ScenarioFactors.from(fit, "h100-sxm-80gb", 512);
        double base = e.scenarios().base().deviceHours();
        // no measured profile: base throughput = the in-run MFU predicted for H100 × nominal
        assertEquals(fit.predict("h100-sxm-80gb").centre(), e.utilization(), 1e-12);
        assertEquals(8.4e23 / (e.utilization() * 989.4e12) / 3600, base, base * 1e-9);
        assertEquals(base * factors.slowFactor(), e.scenarios().slow().deviceHours(), base * 1e-9);
        double lost = e.checkpointing().checkpointWriteFraction() + e.checkpointing().failureLostFraction()
                + e.checkpointing().spotLostFraction();
        assertEquals(base * factors.slowFactor() * factors.overheadFactor() * (1 + lost), e.scenarios().retry().deviceHours(),
                base * 1e-9);
        assertTrue(factors.slowFactor() > 1);
        assertEquals(1, factors.overheadFactor(), "512 devices is outside the 6,144-10,000 of the runs it rests on");
        assertEquals(e.scenarios().retry().deviceHours() / 512, e.scenarios().retry().wallClockHours(), 1e-6);
    }

    @Test
    void recomputeLeavesMfuBasedHoursUnchangedAndAddsAThirdToTheHardwareFlops() {
        Estimate plain = estimate(h100Job(""));
        Estimate recompute = estimate(h100Job("'recompute': true"));
        // 6·N·D model FLOPs either way; 8·N·D executed with recomputation
        assertEquals(6 * 70e9 * 2e12, recompute.flops(), 1e9);
        assertEquals(8 * 70e9 * 2e12, recompute.hardwareFlops(), 1e9);
        assertEquals(8.0 / 6, recompute.hardwareFlops() / recompute.flops(), 1e-12);
        assertEquals(plain.scenarios().base().deviceHours(), recompute.scenarios().base().deviceHours(), 0);
        assertEquals(plain.scenarios().retry().deviceHours(), recompute.scenarios().retry().deviceHours(), 1e-6);
        assertEquals(recompute.utilization() * 8 / 6, recompute.hardwareFlopsUtilization(), 1e-12);
        // the Chinchilla helper takes the model FLOPs
        assertEquals(Math.sqrt(6 * 70e9 * 2e12 / 120), recompute.computeOptimal().params(), 1);
    }

    @Test
    void anHfuTakesTheHardwareFlopsTime() {
        Estimate hfu = estimate(h100Job("'recompute': true, 'utilization': 0.5, 'utilizationKind': 'hfu'"));
        // 8 · 70e9 · 2e12 hardware FLOPs at 0.5 × 989.4 TFLOP/s
        assertEquals(8 * 70e9 * 2e12 / (0.5 * 989.4e12) / 3600, hfu.scenarios().base().deviceHours(), 1e-3);
        assertEquals(0.5, hfu.hardwareFlopsUtilization(), 1e-12);
        assertEquals(0.5 * 6 / 8, hfu.utilization(), 1e-12);
        assertEquals("hfu", hfu.utilizationKind());
        Estimate mfu = estimate(h100Job("'recompute': true, 'utilization': 0.5"));
        assertEquals(6 * 70e9 * 2e12 / (0.5 * 989.4e12) / 3600, mfu.scenarios().base().deviceHours(), 1e-3);
        assertEquals("mfu", mfu.utilizationKind());
        // without recompute, an HFU counts the same FLOPs as an MFU, and a note says so
        Estimate bare = estimate(h100Job("'utilization': 0.5, 'utilizationKind': 'hfu'"));
        assertEquals(mfu.scenarios().base().deviceHours(), bare.scenarios().base().deviceHours(), 1e-6);
        assertTrue(bare.notes().stream().anyMatch(n -> n.contains("recomputes nothing")), bare.notes().toString());
    }

    @Test
    void theResidualOverheadAppliesOnlyWithinTheDeviceCountsOfTheRunsItRestsOn() {
        // GPT-3: 10,000 V100, 175e9 parameters; PaLM: 6,144 TPU v4, 540e9 (published-runs.csv); each run's overhead
        // over its stated MFU, net of the failure model the estimator adds at its size (Llama 3's MTBF 45,566
        // device-hours and 16.7 min restarts, 14-byte checkpoints written at 0.122 GB/s per device, Young/Daly)
        double gpt3 = 10_000 * 14.8 * 24 / (3.14e23 / (0.213 * 125e12) / 3600) / (1 + lost(10_000, 175e9));
        double palm = 8.40e6 / (2.5272e24 / (0.462 * 275e12) / 3600) / (1 + lost(6144, 540e9));
        ScenarioFactors inside = ScenarioFactors.from(PublishedRunFit.shipped(), "h100-sxm-80gb", 8192);
        assertEquals(Math.sqrt(gpt3 * palm), inside.overheadFactor(), 1e-9);
        for (int devices : new int[] {1, 512, 6143, 10_001}) {
            ScenarioFactors outside = ScenarioFactors.from(PublishedRunFit.shipped(), "h100-sxm-80gb", devices);
            assertEquals(1, outside.overheadFactor(), devices + " devices");
            assertTrue(outside.overheadBasis().contains("outside the 6144-10000 devices"), outside.overheadBasis());
        }
    }

    /** The failure model's lost fraction, written out: C/τ + (τ/2 + R)/MTBF with τ = √(2·C·MTBF). */
    private static double lost(int devices, double params) {
        double mtbf = 54 * 24 * 16384.0 / 466 / devices;
        double restart = 0.1 * 54 * 24 / 466;
        double write = params * 14 / 1e9 / (devices * 2000.0 / 16384) / 3600;
        double interval = Math.sqrt(2 * write * mtbf);
        return write / interval + (interval / 2 + restart) / mtbf;
    }

    @Test
    void aOneDeviceJobAddsAtMostTwentyPercentOfOverheadsToItsSlowScenario() {
        Estimate e = estimate(Requests.of("'params': 1e9, 'tokens': 2e10, 'profile': 'a100-sxm-80gb', 'devices': 1"));
        double slow = e.scenarios().slow().deviceHours();
        double retry = e.scenarios().retry().deviceHours();
        assertEquals(1.0, e.assumptions().get("overheadFactor").value());
        // one device: one interruption per 45,566 h; a 14 GB checkpoint in 115 s
        assertEquals(1 + lost(1, 1e9), retry / slow, 1e-9);
        assertTrue(retry / slow <= 1.2, "retry / slow " + retry / slow);
    }

    @Test
    void specSheetLineIsTheSameFlopsAtNominalPeak() {
        Estimate e = estimate(h100Job(""));
        assertEquals(8.4e23 / 989.4e12 / 3600, e.specSheet().deviceHours(), 1e-3);
        assertEquals(e.specSheet().deviceHours() * 4.0, e.specSheet().costUsd(), 1e-3);
        assertTrue(e.specSheet().deviceHours() < e.scenarios().base().deviceHours());
    }

    @Test
    void costBreakdownSumsToTheRetryCost() {
        Estimate e = estimate(h100Job("'pricing': 'spot', 'explorationMultiplier': 1.5, 'orchestrationFraction': 0.05,"
                + " 'egressGb': 1000"));
        Estimate.CostBreakdown c = e.costBreakdownUsd();
        double sum = c.rawCompute() + c.slowdown() + c.publishedRunOverhead() + c.checkpointWrites() + c.failures()
                + c.spotInterruptions() + c.exploration() + c.orchestration() + c.checkpointStorage() + c.datasetStorage()
                + c.egress();
        assertEquals(e.scenarios().retry().costUsd(), sum, 1e-6 * sum);
        assertEquals(c.total(), e.scenarios().retry().costUsd());
        assertEquals(e.rawComputeCostUsd(), c.rawCompute());
        assertEquals(90.0, c.egress(), 1e-9);
        assertTrue(c.spotInterruptions() > 0 && c.exploration() > 0 && c.orchestration() > 0);
    }

    @Test
    void pricingModelsApplyTheirDocumentedDiscounts() {
        assertEquals(4.0, estimate(h100Job("")).priceUsdPerDeviceHour(), 0.0);
        assertEquals(4.0 * (1 - Defaults.RESERVED_DISCOUNT), estimate(h100Job("'pricing': 'reserved'")).priceUsdPerDeviceHour(),
                1e-12);
        assertEquals(4.0 * (1 - Defaults.SPOT_DISCOUNT), estimate(h100Job("'pricing': 'spot'")).priceUsdPerDeviceHour(), 1e-12);
        assertEquals(2.8, estimate(h100Job("'pricing': 'reserved', 'reservedDiscount': 0.3")).priceUsdPerDeviceHour(), 1e-12);
        assertEquals(0.4, estimate(h100Job("'pricing': 'spot', 'spotDiscount': 0.9")).priceUsdPerDeviceHour(), 1e-12);
        Estimate reserved = estimate(h100Job("'pricing': 'reserved'"));
        assertEquals(reserved.scenarios().base().deviceHours() * reserved.priceUsdPerDeviceHour(),
                reserved.rawComputeCostUsd(), 1e-6);
    }

    @Test
    void spotAddsInterruptionsThatRestartFromTheLastCheckpoint() {
        Estimate onDemand = estimate(h100Job(""));
        Estimate spot = estimate(h100Job("'pricing': 'spot', 'spotInterruptionRate': 0.2, 'devicesPerInstance': 8"));
        // 512 devices / 8 = 64 instances, 20% of them reclaimed a month
        assertEquals(64 * 0.2 / 730, spot.checkpointing().spotInterruptionsPerHour(), 1e-12);
        assertEquals(spot.checkpointing().spotInterruptionsPerHour() * spot.checkpointing().lostHoursPerInterruption(),
                spot.checkpointing().spotLostFraction(), 1e-12);
        assertEquals(0, onDemand.checkpointing().spotLostFraction());
        assertTrue(spot.scenarios().retry().deviceHours() > onDemand.scenarios().retry().deviceHours());
        assertEquals(onDemand.scenarios().base().deviceHours(), spot.scenarios().base().deviceHours(), 1e-6);
    }

    @Test
    void onPremisesPricesOwnedDeviceHoursAndReportsTheBreakEven() {
        Estimate e = estimate(h100Job("'pricing': 'on-prem', 'purchasePrice': 30000, 'operationsUsdPerYear': 3000,"
                + " 'electricityPrice': 0.1"));
        OnPremisesCost own = e.onPremises();
        assertNotNull(own);
        // H100 TDP 700 W × power fraction 1 × PUE 1.58 × 0.10 USD/kWh
        assertEquals(0.7 * 1.58 * 0.1, own.electricityUsdPerDeviceHour(), 1e-12);
        assertEquals(own.costUsdPerDeviceHour(), e.priceUsdPerDeviceHour(), 1e-12);
        assertEquals(30_000 / (5 * 8760.0), own.amortizationUsdPerDeviceHour(), 1e-12);
        // --price is the rental price the break-even compares with
        assertEquals(9_000 / (4.0 - 0.7 * 1.58 * 0.1), own.breakEvenHoursPerYear(), 1e-9);
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> estimate(h100Job("'pricing': 'on-prem', 'purchasePrice': 30000")));
        assertTrue(missing.getMessage().contains("--operations-usd-per-year"), missing.getMessage());
    }

    @Test
    void deviceEnergyIsPowerTimesFractionTimesHoursAndFacilityEnergyAddsThePue() {
        // 100 devices × 10 h = 1000 device-hours at 700 W (H100 TDP)
        Estimate e = estimate(Requests.of("'profile': 'h100-sxm-80gb', 'devices': 100, 'hours': 10, 'price': 2,"
                + " 'powerFraction': 0.8, 'pue': 1.2, 'electricityPrice': 0.1, 'carbonIntensity': 0.4"));
        assertEquals(1000 * 0.7 * 0.8, e.deviceEnergyKwh(), 1e-9);
        assertEquals(1000 * 0.7 * 0.8 * 1.2, e.facilityEnergyKwh(), 1e-9);
        // the grid supplies the facility energy: it is paid for and emits
        assertEquals(672 * 0.4, e.co2Kg(), 1e-9);
        assertEquals(672 * 0.1, e.energyCostUsd(), 1e-9);
        // --power-w replaces the TDP; defaults are PUE 1.58 and 0.481 kg/kWh
        Estimate given = estimate(Requests.of("'profile': 'h100-sxm-80gb', 'devices': 100, 'hours': 10, 'powerW': 500"));
        assertEquals(1000 * 0.5, given.deviceEnergyKwh(), 1e-9);
        assertEquals(1000 * 0.5 * 1.58, given.facilityEnergyKwh(), 1e-9);
        assertEquals(1000 * 0.5 * 1.58 * 0.481, given.co2Kg(), 1e-9);
        // retry uses more device-hours, so more energy
        assertTrue(given.scenarios().retry().deviceEnergyKwh() > given.deviceEnergyKwh());
        assertEquals(given.scenarios().base().facilityEnergyKwh(), given.facilityEnergyKwh());
    }

    @Test
    void energyIsLeftOutWhenNoPowerFigureExists() {
        Estimate e = estimate(Requests.of("'profile': 'tpu-v4', 'devices': 64, 'hours': 10"));
        assertNull(e.deviceEnergyKwh());
        assertNull(e.facilityEnergyKwh());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("--power-w")), e.notes().toString());
    }

    @Test
    void checkpointIntervalDefaultsToYoungDaly() {
        Estimate e = estimate(h100Job("'devices': 1000, 'deviceMtbfHours': 50000, 'checkpointWriteSeconds': 60"));
        // job MTBF = 50,000 / 1000 = 50 h; interval = sqrt(2 × 60/3600 × 50)
        assertEquals(50, e.checkpointing().jobMtbfHours(), 1e-9);
        assertEquals(Math.sqrt(2 * 60.0 / 3600 * 50), e.checkpointing().checkpointIntervalHours(), 1e-12);
        assertEquals(e.checkpointing().checkpointIntervalHours(), e.checkpointing().youngDalyIntervalHours());
        // default write time: 70e9 × 14 bytes / (1000 × 0.122 GB/s)
        Estimate sized = estimate(h100Job("'devices': 1000"));
        assertEquals(980.0, sized.checkpointing().checkpointSizeGb(), 1e-9);
        assertEquals(980.0 / (1000 * 2000.0 / 16384), sized.checkpointing().checkpointWriteSeconds(), 1e-9);
        // a given interval is used as given, with the optimum still suggested
        Estimate given = estimate(h100Job("'checkpointIntervalHours': 3"));
        assertEquals(3.0, given.checkpointing().checkpointIntervalHours());
        assertNotNull(given.checkpointing().youngDalyIntervalHours());
    }

    @Test
    void onlyFullTrainingCheckpointsTheWholeModel() {
        Estimate lora = estimate(h100Job("'mode': 'lora'"));
        assertNull(lora.checkpointing().checkpointSizeGb());
        assertTrue(lora.checkpointing().note().contains("adapter"), lora.checkpointing().note());
        assertEquals(4 * 70e9 * 2e12, lora.flops(), 1e9);
        Estimate inference = estimate(h100Job("'mode': 'inference'"));
        assertEquals(2 * 70e9 * 2e12, inference.flops(), 1e9);
        assertTrue(inference.checkpointing().note().contains("inference writes no checkpoints"));
        assertEquals(0, inference.checkpointing().checkpointWriteFraction());
        assertMessage("--checkpoint-bytes-per-param 2 applies to --mode training, not lora",
                () -> h100Job("'mode': 'lora', 'checkpointBytesPerParam': 2"));
    }

    @Test
    void throughputComesFromUtilizationOrTokensPerSecond() {
        Estimate utilization = estimate(Requests.of("'params': 7e9, 'tokens': 1e12, 'profile': 'a100-sxm-80gb',"
                + " 'devices': 64, 'utilization': 0.5"));
        assertEquals(156e12, utilization.achievedFlopsPerDevice(), 1);
        Estimate tokens = estimate(Requests.of("'params': 7e9, 'tokens': 1e12, 'profile': 'a100-sxm-80gb', 'devices': 64,"
                + " 'tokensPerSecondPerDevice': 3000"));
        assertEquals(3000 * 6 * 7e9, tokens.achievedFlopsPerDevice(), 1);
        assertEquals(3000 * 6 * 7e9 / 312e12, tokens.utilization(), 1e-9);
        // the runs on the A100 chip (40 and 80 GB), partially pooled, set the default utilization
        Estimate fitted = estimate(Requests.of("'params': 7e9, 'tokens': 1e12, 'profile': 'a100-sxm-80gb', 'devices': 64"));
        assertEquals(PublishedRunFit.shipped().predict("a100-sxm-80gb").centre(), fitted.utilization(), 1e-12);
        assertEquals("mfu", fitted.utilizationKind());
    }

    @Test
    void givenDurationImpliesTheUtilization() {
        Estimate e = estimate(Requests.of("'flops': 1e23, 'profile': 'h100-sxm-80gb', 'devices': 1000, 'days': 10"));
        assertEquals(1e23 / (1000 * 240 * 3600.0), e.achievedFlopsPerDevice(), 1e-3);
        assertEquals(e.achievedFlopsPerDevice() / 989.4e12, e.utilization(), 1e-12);
        assertEquals(240.0, e.scenarios().base().wallClockHours(), 0.0);
    }

    @Test
    void budgetGuardrailComparesTheRetryScenario() {
        Estimate e = estimate(Requests.of("'devices': 512, 'days': 14, 'price': 5, 'budget': 1000000"));
        assertTrue(e.budget().exceeded(), "retry costs more than the 860,160 USD base");
        assertTrue(e.exceedsBudget(1_000_000));
        assertFalse(e.exceedsBudget(e.scenarios().retry().costUsd() + 1));
        InvalidInputException noPrice = assertThrows(InvalidInputException.class,
                () -> estimate(Requests.of("'devices': 512, 'days': 14, 'budget': 1e6")));
        assertTrue(noPrice.getMessage().contains("--budget 1000000"), noPrice.getMessage());
    }

    @Test
    void computeOptimalSplitIsReportedForTraining() {
        Estimate e = estimate(h100Job(""));
        assertEquals(Math.sqrt(8.4e23 / 120), e.computeOptimal().params(), 1);
        assertNull(estimate(h100Job("'mode': 'inference'")).computeOptimal());
    }

    @Test
    void everyDefaultIsListedWithItsSource() {
        Estimate e = estimate(h100Job("'pricing': 'spot'"));
        for (String key : new String[] {"precision", "utilization", "slowFactor", "overheadFactor", "deviceMtbfHours",
            "restartMinutes", "checkpointWriteSeconds", "checkpointIntervalHours", "spotDiscount", "spotInterruptionRate",
            "pue", "carbonIntensity", "electricityPrice", "powerW", "powerFraction", "storagePrice", "datasetGb"}) {
            Estimate.Assumption a = e.assumptions().get(key);
            assertNotNull(a, key);
            assertFalse(a.source().isBlank(), key);
        }
        assertTrue(e.assumptions().get("slowFactor").source().contains("one-sided 95% prediction bound"));
        assertTrue(e.assumptions().get("overheadFactor").source().contains("GPT-3 175B")
                && e.assumptions().get("overheadFactor").source().contains("PaLM 540B"));
        for (String key : new String[] {"optimizer", "zeroStage", "tensorParallel", "pipelineParallel",
            "optimizerStateBytesPerParam"}) {
            assertFalse(e.assumptions().get(key).source().isBlank(), key);
        }
        assertEquals("given (--price)", estimate(h100Job("")).assumptions().get("price").source().substring(0, 15));
    }

    @Test
    void contradictoryOptionsAreRejected() {
        assertMessage("--days 1 contradicts --hours 24", () -> Requests.of("'devices': 8, 'days': 1, 'hours': 24"));
        assertMessage("--flops 1e23 contradicts --params 7000000000",
                () -> Requests.of("'devices': 8, 'flops': 1e23, 'params': 7e9, 'tokens': 1e12"));
        assertMessage("--days 3 contradicts --utilization 0.4",
                () -> Requests.of("'devices': 8, 'flops': 1e21, 'days': 3, 'utilization': 0.4,"
                        + " 'profile': 'h100-sxm-80gb'"));
        assertMessage("--spot-discount 0.5 applies to --pricing spot",
                () -> Requests.of("'devices': 8, 'days': 3, 'price': 1, 'spotDiscount': 0.5"));
        assertMessage("--params 7000000000 needs --tokens", () -> Requests.of("'devices': 8, 'params': 7e9"));
        assertMessage("nothing to estimate", () -> Requests.of("'devices': 8, 'profile': 'h100-sxm-80gb'"));
        assertMessage("--devices is required", () -> Requests.of("'days': 1"));
    }

    @Test
    void outOfRangeValuesAreRejectedNamingTheValue() {
        assertMessage("--devices 0", () -> Requests.of("'devices': 0, 'days': 1"));
        assertMessage("--days -2", () -> Requests.of("'devices': 8, 'days': -2"));
        // JSON has no NaN or infinity: these two requests are made as the command line makes them
        EstimateRequest days = Requests.of("'devices': 8, 'days': 1");
        assertMessage("--price NaN", () -> new EstimateRequest(days.job(), days.hardware(), days.parallelism(),
                days.throughput(), days.inference(), days.duration(), new EstimateRequest.Pricing(Double.NaN, null, null),
                days.spot(), days.onPremises(), days.storage(), days.reliability(), days.overheads(), days.energy(),
                days.guardrail()));
        EstimateRequest params = Requests.of("'devices': 8");
        assertMessage("--tokens Infinity", () -> new EstimateRequest(
                new EstimateRequest.Job(null, 1e9, null, Double.POSITIVE_INFINITY, null, null, null, null, null),
                params.hardware(), params.parallelism(), params.throughput(), params.inference(), params.duration(),
                params.pricing(), params.spot(), params.onPremises(), params.storage(), params.reliability(),
                params.overheads(), params.energy(), params.guardrail()));
        assertMessage("--utilization 1.5", () -> h100Job("'utilization': 1.5"));
        assertMessage("--pue 0.9", () -> h100Job("'pue': 0.9"));
        assertMessage("--precision unknown precision 'fp4'", () -> h100Job("'precision': 'fp4'"));
        assertMessage("a100-sxm-80gb has no fp8 figure in accelerators.csv; it has fp64, fp32, tf32, bf16, fp16, int8",
                () -> h100Job("'profile': 'a100-sxm-80gb', 'precision': 'fp8'"));
        assertMessage("unknown accelerator 'h100-sxm-81gb'", () -> h100Job("'profile': 'h100-sxm-81gb'"));
    }

    private static void assertMessage(String expected, Supplier<EstimateRequest> request) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> estimate(request.get()));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
