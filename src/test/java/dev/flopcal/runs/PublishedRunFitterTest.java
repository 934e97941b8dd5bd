package dev.flopcal.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.CsvTable;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.hardware.AcceleratorCatalog;

class PublishedRunFitterTest {
    private static final double NOMINAL_A = 100e12;
    private static final double NOMINAL_B = 400e12;

    static AcceleratorCatalog syntheticCatalog() throws IOException {
        String csv = "id,name,vendor,kind,fp64_tflops,fp64_tensor_tflops,fp32_tflops,tf32_tflops,bf16_tflops,fp16_tflops,"
                + "fp8_tflops,int8_tops,memory_gb,memory_bandwidth_gbps,tdp_w,notes,source\n"
                + "gpu-a,A,V,gpu,,,,,100,100,,,80,2000,400,,synthetic\n"
                + "gpu-a-big,A big,V,gpu,,,,,100,100,,,160,3000,400,,synthetic\n"
                + "gpu-b,B,V,gpu,,,,,400,400,800,,80,3000,700,,synthetic\n";
        return AcceleratorCatalog.from(CsvTable.read(new StringReader(csv), "synthetic.csv"));
    }

    /**
     * A run of 1e21 FLOPs (6 · 1e9 · 1.667e11) stating {@code mfu} (NaN: none), and device-hours = the ideal ones at
     * that MFU × {@code overhead} (NaN: none).
     */
    private static PublishedRun run(int i, String hardware, double nominal, double mfu, double overhead, double tflops) {
        double params = 1e9;
        double tokens = 1e21 / 6 / params;
        double hours = Double.isNaN(overhead) ? Double.NaN : 1e21 / (mfu * nominal) / 3600 * overhead;
        return new PublishedRun(i, "run " + i, params, Double.NaN, tokens, hardware, 0, Double.NaN, hours, mfu, tflops,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", "synthetic");
    }

    @Test
    void recoversKnownUtilizationAndOverheadFromNoisySyntheticRuns() throws IOException {
        // log-normal MFU around 0.35 (gpu-a) and 0.50 (gpu-b), σ = 0.1 in logs; overhead 1.3 with 5% noise
        Random random = new Random(20240611);
        List<PublishedRun> runs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            runs.add(run(i, "gpu-a", NOMINAL_A, 0.35 * Math.exp(0.1 * random.nextGaussian()),
                    1.3 * Math.exp(0.05 * random.nextGaussian()), Double.NaN));
            runs.add(run(100 + i, "gpu-b", NOMINAL_B, 0.50 * Math.exp(0.1 * random.nextGaussian()),
                    1.3 * Math.exp(0.05 * random.nextGaussian()), Double.NaN));
        }
        PublishedRunFit fit = new PublishedRunFitter(syntheticCatalog()).fit(runs);

        UtilizationPrediction a = fit.predict("gpu-a");
        UtilizationPrediction b = fit.predict("gpu-b");
        assertEquals(40, a.groupRuns());
        assertEquals(0.35, a.centre(), 0.35 * 0.05);
        assertEquals(0.50, b.centre(), 0.50 * 0.05);
        // the predictive spread of one run is σ, plus a little for the centre's uncertainty
        assertEquals(0.1, a.logSd(), 0.025);
        assertEquals(78, fit.utilization().degreesOfFreedom());
        // about 5% of runs fall below the slow quantile
        assertEquals(0.35 * Math.exp(-1.6646 * a.logSd()), a.quantile(UtilizationPrediction.SLOW_QUANTILE), 0.02);
        // the typical overhead is the geometric mean of reported / ideal device-hours
        assertEquals(1.3, fit.typicalOverhead().factor(), 1.3 * 0.03);
        assertEquals(80, fit.typicalOverhead().runs().size());
    }

    @Test
    void aRunThatStatesOnlyDeviceHoursGetsItsInRunUtilizationFromTheTypicalOverhead() throws IOException {
        PublishedRunFit fit = new PublishedRunFitter(syntheticCatalog()).fit(List.of(
                run(1, "gpu-a", NOMINAL_A, 0.4, 1.25, Double.NaN),
                run(2, "gpu-a", NOMINAL_A, 0.5, 1.6, Double.NaN),
                run(3, "gpu-a", NOMINAL_A, 0.3, 1.0, Double.NaN),
                run(4, "gpu-b", NOMINAL_B, Double.NaN, Double.NaN, 200)));
        // overheads 1.25 and 1.6, and 1.0 for run 3: geometric mean (1.25 · 1.6 · 1)^(1/3) = 2^(1/3)
        assertEquals(Math.cbrt(2), fit.typicalOverhead().factor(), 1e-12);
        // a run with device-hours (effective 0.3 / 1.0 = 0.3) but no MFU: 0.3 × 2^(1/3)
        PublishedRun hoursOnly = new PublishedRun(5, "run 5", 1e9, Double.NaN, 1e21 / 6 / 1e9, "gpu-a", 0, Double.NaN,
                1e21 / (0.3 * NOMINAL_A) / 3600, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, "", "synthetic");
        PublishedRunFit withIt = new PublishedRunFitter(syntheticCatalog()).fit(List.of(
                run(1, "gpu-a", NOMINAL_A, 0.4, 1.25, Double.NaN), run(2, "gpu-a", NOMINAL_A, 0.5, 1.6, Double.NaN),
                hoursOnly));
        RunObservation inferred = withIt.observations().get(2);
        assertFalse(inferred.inRunStated());
        assertEquals(0.3, inferred.effectiveUtilization(), 1e-12);
        assertEquals(0.3 * Math.sqrt(1.25 * 1.6), inferred.inRunUtilization(), 1e-12);
        assertTrue(inferred.inRunBasis().startsWith("effective 0.300 × typical overhead 1.414"), inferred.inRunBasis());
        // TFLOP/s per device is a hardware FLOPs utilization: kept apart, not an in-run MFU
        RunObservation hfu = fit.observations().get(3);
        assertEquals(200e12 / NOMINAL_B, hfu.hfu(), 1e-12);
        assertTrue(Double.isNaN(hfu.inRunUtilization()));
        assertEquals(1, fit.hardwareFlopsUtilization().n());
        assertEquals(3, fit.utilization().n());
    }

    @Test
    void memoryVariantsOfOneChipArePooledAsOneChip() throws IOException {
        PublishedRunFit fit = new PublishedRunFitter(syntheticCatalog()).fit(List.of(
                run(1, "gpu-a", NOMINAL_A, 0.4, Double.NaN, Double.NaN),
                run(2, "gpu-a-big", NOMINAL_A, 0.5, Double.NaN, Double.NaN),
                run(3, "gpu-b", NOMINAL_B, 0.3, Double.NaN, Double.NaN),
                run(4, "gpu-b", NOMINAL_B, 0.35, Double.NaN, Double.NaN)));
        assertEquals("gpu-a/gpu-a-big", fit.predict("gpu-a-big").group());
        assertEquals(2, fit.predict("gpu-a").groupRuns());
        assertEquals(2, fit.onChipOf("gpu-a-big").size());
    }

    @Test
    void intervalIsStudentTAndLeaveOneOutUsesTheOtherRuns() {
        RunMean v = PublishedRunFitter.summarize("x", new double[] {1, 2, 3}, List.of("a", "b", "c"));
        assertEquals(2, v.mean(), 1e-15);
        assertEquals(1, v.standardDeviation(), 1e-15);
        // t(0.975, 2) = 4.302653
        assertEquals(2 - 4.302653 / Math.sqrt(3), v.lower(), 1e-5);
        assertEquals(2 + 4.302653 / Math.sqrt(3), v.upper(), 1e-5);
        // predictions 2.5, 2, 1.5: errors −1.5, 0, 1.5
        assertEquals(Math.sqrt(1.5), v.looRmsError(), 1e-12);
    }

    @Test
    void fewerThanTwoRunsGiveNaNWithAReason() {
        RunMean one = PublishedRunFitter.summarize("x", new double[] {0.4}, List.of("a"));
        assertEquals(0.4, one.mean());
        assertTrue(Double.isNaN(one.lower()) && Double.isNaN(one.upper()) && Double.isNaN(one.looRmsError()));
        assertFalse(one.hasInterval());
        assertTrue(one.note().contains("at least 2"), one.note());
        RunMean none = PublishedRunFitter.summarize("x", new double[0], List.of());
        assertTrue(Double.isNaN(none.mean()));
        assertFalse(none.note().isEmpty());
    }

    @Test
    void shippedRunsGiveTheFitsTheEstimatorUses() {
        PublishedRunFit fit = PublishedRunFit.shipped();
        // typical overhead: GPT-3 (10,000 V100 × 14.8 days; MFU 0.213 of 125 TFLOP/s for 3.14e23 FLOPs) and PaLM
        // (8.4e6 device-hours; MFU 0.462 of 275 TFLOP/s for 2.5272e24 FLOPs)
        double gpt3 = 10_000 * 14.8 * 24 / (3.14e23 / (0.213 * 125e12) / 3600);
        double palm = 8.40e6 / (2.5272e24 / (0.462 * 275e12) / 3600);
        assertEquals(Math.sqrt(gpt3 * palm), fit.typicalOverhead().factor(), 1e-9);
        assertEquals(2, fit.typicalOverhead().runs().size());
        // the A100 chip: MT-NLG and MegaScale state an MFU; BLOOM, Llama 2 7B/13B/70B, MPT-7B and Falcon-180B
        // device-hours; OPT-175B states only TFLOP/s per device (HFU), kept apart
        assertEquals(8, fit.predict("a100-sxm-40gb").groupRuns());
        assertEquals("a100-sxm-40gb/a100-sxm-80gb", fit.predict("a100-sxm-80gb").group());
        assertEquals(List.of("MT-NLG 530B", "OPT-175B", "BLOOM 176B"), fit.hardwareFlopsUtilization().runs().stream()
                .map(r -> r.substring(0, r.lastIndexOf(' '))).toList());
        // H100 and H200 are one chip; H800 is not
        assertEquals(2, fit.predict("h200-sxm-141gb").groupRuns());
        assertEquals(1, fit.predict("h800-sxm-80gb").groupRuns());
        // every run with a stated MFU or device-hours on known hardware enters the model; Chinchilla has neither
        assertEquals(14, fit.utilization().n());
        // fewer runs, wider: a chip without runs gets the widest interval
        assertTrue(fit.predict("b200-sxm-180gb").logSd() > fit.predict("h100-sxm-80gb").logSd());
        assertTrue(fit.predict("h100-sxm-80gb").logSd() > fit.predict("a100-sxm-80gb").logSd());
    }

    @Test
    void observationsUseTheDocumentedPeaksAndFigures() {
        PublishedRunFit fit = PublishedRunFit.shipped();
        RunObservation palm = observation(fit, "PaLM 540B");
        assertEquals(Precision.BF16, palm.precision());
        assertEquals(275e12, palm.nominalFlopsPerDevice(), 1);
        assertEquals(2.5272e24 / (0.462 * 275e12) / 3600, palm.idealDeviceHours(), 1);
        assertEquals(8.40e6 / palm.idealDeviceHours(), palm.overheadFactor(), 1e-12);
        assertEquals(2.5272e24 / (8.40e6 * 3600 * 275e12), palm.effectiveUtilization(), 1e-12);

        assertEquals(Precision.FP16, observation(fit, "GPT-3 175B").precision(), "V100 has no bf16: fp16 tensor peak");
        RunObservation deepSeek = observation(fit, "DeepSeek-V3");
        assertEquals(989.4e12, deepSeek.nominalFlopsPerDevice(), 1, "fp8 run quoted against the bf16 peak");
        assertEquals(6 * 37e9 * 14.8e12, deepSeek.flops(), 1e9);
        assertEquals("6·N_active·D", deepSeek.flopsBasis());
        assertEquals(2.664e6, deepSeek.reportedDeviceHours(), 0, "pre-training device-hours");

        RunObservation mtNlg = observation(fit, "MT-NLG 530B");
        assertEquals(0.302, mtNlg.inRunUtilization(), 0, "MFU, not tflops_per_device (which counts recompute)");
        assertEquals(126.0 / 312, mtNlg.hfu(), 1e-12);
        RunObservation bloom = observation(fit, "BLOOM 176B");
        assertEquals(bloom.effectiveUtilization() * fit.typicalOverhead().factor(), bloom.inRunUtilization(), 1e-12);

        RunObservation mpt = observation(fit, "MPT-7B");
        assertEquals(440 * 9.5 * 24, mpt.reportedDeviceHours(), 1e-9);
        assertTrue(mpt.deviceHoursDerived());
        RunObservation falcon = observation(fit, "Falcon-180B");
        assertEquals("reported training_flops", falcon.flopsBasis());
        assertEquals(3.76e24, falcon.flops(), 0);
        assertEquals(1.1, observation(fit, "GPT-3 175B").run().statedPue(), 0);
        assertTrue(Double.isNaN(bloom.run().statedPue()));
    }

    @Test
    void malformedRunsFileNamesLineAndColumn() {
        String csv = "model,params,active_params,tokens,hardware,devices,wall_clock_days,device_hours,mfu,tflops_per_device,"
                + "training_flops,energy_mwh,co2_tonnes,cost_usd,power_w_per_device,notes,source\n"
                + "X,7e9,,1e12,a100-sxm-80gb,8.5,,,,,,,,,,,s\n";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PublishedRuns.from(CsvTable.read(new StringReader(csv), "runs.csv")));
        assertTrue(e.getMessage().startsWith("runs.csv, line 2, column 27 (devices)"), e.getMessage());
    }

    private static RunObservation observation(PublishedRunFit fit, String model) {
        return fit.observations().stream().filter(o -> o.run().model().equals(model)).findFirst().orElseThrow();
    }
}
