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

    private static AcceleratorCatalog syntheticCatalog() throws IOException {
        String csv = "id,name,vendor,kind,fp64_tflops,fp64_tensor_tflops,fp32_tflops,tf32_tflops,bf16_tflops,fp16_tflops,"
                + "fp8_tflops,int8_tops,memory_gb,memory_bandwidth_gbps,tdp_w,notes,source\n"
                + "gpu-a,A,V,gpu,,,,,100,100,,,80,2000,400,,synthetic\n"
                + "gpu-b,B,V,gpu,,,,,400,400,800,,80,3000,700,,synthetic\n";
        return AcceleratorCatalog.from(CsvTable.read(new StringReader(csv), "synthetic.csv"));
    }

    /**
     * A run whose in-run utilization and overhead are drawn around known values: the reported device-hours are the
     * ideal ones at that utilization times the overhead.
     */
    private static PublishedRun syntheticRun(int i, String hardware, double nominal, double utilization, double overhead,
            Random random) {
        double params = 1e9 * (1 + 100 * random.nextDouble());
        double tokens = 1e11 * (1 + 50 * random.nextDouble());
        double ideal = 6 * params * tokens / (utilization * nominal) / 3600;
        return new PublishedRun(i, "run " + i, params, Double.NaN, tokens, hardware, 0, Double.NaN, ideal * overhead,
                utilization, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", "synthetic");
    }

    @Test
    void recoversKnownUtilizationAndOverheadFromNoisySyntheticRuns() throws IOException {
        Random random = new Random(20240611);
        List<PublishedRun> runs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            runs.add(syntheticRun(i, "gpu-a", NOMINAL_A, 0.35 + 0.04 * random.nextGaussian(),
                    1.30 + 0.08 * random.nextGaussian(), random));
            runs.add(syntheticRun(100 + i, "gpu-b", NOMINAL_B, 0.50 + 0.04 * random.nextGaussian(),
                    1.30 + 0.08 * random.nextGaussian(), random));
        }
        PublishedRunFit fit = new PublishedRunFitter(syntheticCatalog()).fit(runs);

        RunMean a = fit.forHardware("gpu-a").orElseThrow().inRunUtilization();
        RunMean b = fit.forHardware("gpu-b").orElseThrow().inRunUtilization();
        assertEquals(40, a.n());
        assertTrue(a.lower() < 0.35 && 0.35 < a.upper(), a.summary());
        assertTrue(b.lower() < 0.50 && 0.50 < b.upper(), b.summary());
        assertEquals(0.04, a.standardDeviation(), 0.012);
        // leave-one-out error of a mean predictor ≈ σ·sqrt(n / (n − 1))
        assertEquals(a.standardDeviation() * Math.sqrt(40.0 / 39), a.looRmsError(), 0.002);

        RunMean overhead = fit.pooled().overheadFactor();
        assertEquals(80, overhead.n());
        assertTrue(overhead.lower() < 1.30 && 1.30 < overhead.upper(), overhead.summary());
        assertEquals(1.30, overhead.mean(), 0.03);

        // effective utilization = in-run utilization / overhead, run by run
        RunMean effective = fit.forHardware("gpu-b").orElseThrow().effectiveUtilization();
        assertEquals(0.50 / 1.30, effective.mean(), 0.02);
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
        // in-run utilization: GPT-3, Gopher, MT-NLG, PaLM, MegaScale (MFU) and OPT, BLOOM (tflops / nominal)
        assertEquals(7, fit.pooled().inRunUtilization().n());
        assertEquals(4, fit.forHardware("a100-sxm-80gb").orElseThrow().inRunUtilization().n());
        // overhead: only PaLM and BLOOM state both device-hours and an in-run utilization
        RunMean overhead = fit.pooled().overheadFactor();
        assertEquals(2, overhead.n());
        assertTrue(overhead.hasInterval());
        assertTrue(overhead.mean() > 1.4 && overhead.mean() < 1.7, overhead.summary());
        // effective utilization: PaLM, BLOOM, Llama 2 7B and 70B, MPT-7B, Falcon-180B, DeepSeek-V3
        assertEquals(7, fit.pooled().effectiveUtilization().n());
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

        RunObservation mtNlg = observation(fit, "MT-NLG 530B");
        assertEquals(0.302, mtNlg.inRunUtilization(), 0, "MFU preferred over tflops_per_device (which counts recompute)");
        assertEquals("mfu", mtNlg.inRunBasis());
        RunObservation bloom = observation(fit, "BLOOM 176B");
        assertEquals(156.0 / 312, bloom.inRunUtilization(), 1e-12);

        RunObservation mpt = observation(fit, "MPT-7B");
        assertEquals(440 * 9.5 * 24, mpt.reportedDeviceHours(), 1e-9);
        assertTrue(mpt.deviceHoursDerived());
        assertEquals("reported training_flops", observation(fit, "Falcon-180B").flopsBasis());
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
