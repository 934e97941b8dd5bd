package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.profiles.Device;
import dev.flopcal.profiles.PrecisionFits;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;

class LlmAnalysisExportTest {
    private static final LlmAnalysisExport.UserFigures NVLINK = new LlmAnalysisExport.UserFigures(
            LlmAnalysisExport.PerDevice.of(450), LlmAnalysisExport.PerDevice.of(8e-6), null, null);

    @Test
    void configHasExactlyTheKeysLlmAnalysisReadsWithValuesFromTheProfile() throws Exception {
        LlmAnalysisExport.Export e = LlmAnalysisExport.of(TestProfiles.gpu(), NVLINK);
        assertEquals(List.of("name", "mem_per_GPU_in_GB", "hbm_bandwidth_in_GB_per_sec",
                "intra_node_bandwidth_in_GB_per_sec", "intra_node_min_message_latency", "peak_fp16_TFLOPS",
                "peak_i8_TFLOPS"), new ArrayList<>(e.config().keySet()));

        JsonNode json = new ObjectMapper().readTree(e.json());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertTrue(LlmAnalysisExport.KEYS.containsAll(keys), "no key llm-analysis' GPUConfig would reject: " + keys);
        assertTrue(keys.containsAll(LlmAnalysisExport.REQUIRED), "every required key: " + keys);
        assertEquals("gpu-h100", json.get("name").asText());
        assertEquals(0, new BigDecimal("80").compareTo(json.get("mem_per_GPU_in_GB").decimalValue()));
        assertEquals(0, new BigDecimal("3350").compareTo(json.get("hbm_bandwidth_in_GB_per_sec").decimalValue()));
        assertEquals(0, new BigDecimal("450").compareTo(json.get("intra_node_bandwidth_in_GB_per_sec").decimalValue()));
        assertEquals(8e-6, json.get("intra_node_min_message_latency").asDouble());
        assertEquals("989.4", json.get("peak_fp16_TFLOPS").asText(), "bf16 nominal in TFLOP/s, exactly");
        assertEquals("1978.9", json.get("peak_i8_TFLOPS").asText(), "int8 nominal in TOP/s");
        assertTrue(e.json().startsWith("{\n    \"name\": \"gpu-h100\",\n"), e.json());
        assertEquals("gpu-h100.json", e.jsonFileName());
    }

    @Test
    void optionalFiguresAreWrittenOnlyWhenSupplied() {
        LlmAnalysisExport.Export all = LlmAnalysisExport.of(TestProfiles.gpu(), new LlmAnalysisExport.UserFigures(
                LlmAnalysisExport.PerDevice.of(450), LlmAnalysisExport.PerDevice.of(8e-6),
                LlmAnalysisExport.PerDevice.of(400), LlmAnalysisExport.PerDevice.of(3958)));
        assertEquals(LlmAnalysisExport.KEYS, new ArrayList<>(all.config().keySet()));
        assertEquals(0, new BigDecimal("400").compareTo((BigDecimal) all.config().get("inter_node_bandwidth_in_GB_per_sec")));

        LlmAnalysisExport.Export tpu = LlmAnalysisExport.of(TestProfiles.tpu(), NVLINK);
        assertFalse(tpu.config().containsKey("peak_i8_TFLOPS"), "no int8 peak in the profile: llm-analysis' default");
        assertEquals(0, new BigDecimal("459").compareTo((BigDecimal) tpu.config().get("peak_fp16_TFLOPS")));
        assertTrue(tpu.note().contains("2 × peak_fp16_TFLOPS"), tpu.note());
        assertTrue(tpu.note().contains("200 GB/s"), tpu.note());
    }

    @Test
    void figuresFlopcalDoesNotHaveMustBeSuppliedAndAreNamedWhenMissing() {
        var noBandwidth = new LlmAnalysisExport.UserFigures(null, LlmAnalysisExport.PerDevice.of(8e-6), null, null);
        var e = assertThrows(InvalidInputException.class, () -> LlmAnalysisExport.of(TestProfiles.gpu(), noBandwidth));
        assertTrue(e.getMessage().contains("intra_node_bandwidth_in_GB_per_sec") && e.getMessage().contains("gpu-h100"),
                e.getMessage());
        var noLatency = new LlmAnalysisExport.UserFigures(LlmAnalysisExport.PerDevice.of(450), null, null, null);
        e = assertThrows(InvalidInputException.class, () -> LlmAnalysisExport.of(TestProfiles.gpu(), noLatency));
        assertTrue(e.getMessage().contains("intra_node_min_message_latency"), e.getMessage());
        var negative = new LlmAnalysisExport.UserFigures(LlmAnalysisExport.PerDevice.of(-1),
                LlmAnalysisExport.PerDevice.of(8e-6), null, null);
        e = assertThrows(InvalidInputException.class, () -> LlmAnalysisExport.of(TestProfiles.gpu(), negative));
        assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
    }

    @Test
    void perDeviceFiguresOverrideTheCommonOneAndMustNameAnExportedProfile() {
        var figures = new LlmAnalysisExport.UserFigures(
                new LlmAnalysisExport.PerDevice(300.0, Map.of("gpu-h100", 450.0)), LlmAnalysisExport.PerDevice.of(8e-6),
                null, null);
        List<LlmAnalysisExport.Export> exports = LlmAnalysisExport.of(
                List.of(TestProfiles.cpu(), TestProfiles.gpu(), TestProfiles.tpu()), figures);
        assertEquals(List.of("gpu-h100", "tpu-v5p"), exports.stream().map(LlmAnalysisExport.Export::profileId).toList(),
                "CPU profiles are not exported");
        assertEquals("450", ((BigDecimal) exports.get(0).config().get("intra_node_bandwidth_in_GB_per_sec")).toPlainString());
        assertEquals("300", ((BigDecimal) exports.get(1).config().get("intra_node_bandwidth_in_GB_per_sec")).toPlainString());

        var stray = new LlmAnalysisExport.UserFigures(new LlmAnalysisExport.PerDevice(null, Map.of("cpu-test", 1.0)),
                LlmAnalysisExport.PerDevice.of(8e-6), null, null);
        var e = assertThrows(InvalidInputException.class,
                () -> LlmAnalysisExport.of(List.of(TestProfiles.cpu(), TestProfiles.gpu()), stray));
        assertTrue(e.getMessage().contains("'cpu-test'"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> LlmAnalysisExport.of(List.of(TestProfiles.cpu()), NVLINK));
        assertTrue(e.getMessage().contains("no accelerator profile"), e.getMessage());
    }

    @Test
    void statesTheCalibratedUtilizationToPassAsFlopsEfficiency() {
        LlmAnalysisExport.Export e = LlmAnalysisExport.of(TestProfiles.gpu(), NVLINK);
        LlmAnalysisExport.FlopsEfficiency f = e.efficiency().orElseThrow();
        assertEquals(Precision.BF16, f.precision());
        assertEquals(0.4, f.value());
        assertEquals(0.355, f.low(), 1e-12);
        assertEquals(0.445, f.high(), 1e-12);
        assertEquals(4, f.runs().size());
        assertEquals("0.400 (95% interval 0.355 to 0.445; fitted from published runs, n = 4)", f.summary());
        String note = e.note();
        assertTrue(note.contains("--flops_efficiency 0.400"), note);
        assertTrue(note.contains("--gpu_name gpu-h100"), note);
        assertTrue(note.contains("llm_analysis/gpu_configs/") && note.contains("must not go there"), note);
        assertTrue(note.contains("Llama 3 405B"), note);
        assertEquals(List.of("gpu-h100.json", "gpu-h100.flops_efficiency.txt"),
                e.files().stream().map(OutputFile::name).toList());

        LlmAnalysisExport.Export tpu = LlmAnalysisExport.of(TestProfiles.tpu(), NVLINK);
        assertTrue(tpu.efficiency().isEmpty());
        assertTrue(tpu.note().contains("No calibrated utilization"), tpu.note());
    }

    @Test
    void theIntervalOfAFittedUtilizationIsPreferredAndThePeakMatchesItsPrecision() {
        Profile gpu = TestProfiles.gpu();
        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>(gpu.precisions());
        PrecisionProfile bf16 = precisions.remove("bf16");
        // fp16 carries the achieved figure, with a fitted interval; bf16 is nominal only at another peak
        precisions.put("bf16", TestProfiles.nominalOnly(900e12, "test"));
        precisions.put("fp16", new PrecisionProfile(bf16.nominalFlops(), null, null, null, null, bf16.achievedFlops(),
                bf16.achievedError(), null, bf16.utilization(), bf16.utilizationError(), bf16.status(), null, null, null,
                new PrecisionFits(null, null, new PrecisionFits.Utilization(Quantity.of(0.4, 0.02, 0.37, 0.43, "1"),
                        null, null)), bf16.publishedRuns()));
        Profile changed = new Profile(gpu.schemaVersion(), gpu.id(), gpu.device(), precisions, null, null, null,
                gpu.notes(), gpu.provenance());
        LlmAnalysisExport.Export e = LlmAnalysisExport.of(changed, NVLINK);
        LlmAnalysisExport.FlopsEfficiency f = e.efficiency().orElseThrow();
        assertEquals(Precision.FP16, f.precision());
        assertEquals(0.37, f.low());
        assertEquals(0.43, f.high());
        assertEquals("989.4", ((BigDecimal) e.config().get("peak_fp16_TFLOPS")).toPlainString());
        assertTrue(e.note().contains("bf16 nominal peak differs (900"), e.note());
    }

    @Test
    void anAcceleratorWithoutMemoryFiguresCannotBeExported() {
        Profile gpu = TestProfiles.gpu();
        var d = gpu.device();
        Profile noMemory = new Profile(gpu.schemaVersion(), gpu.id(), new Device(d.kind(), d.name(),
                d.vendor(), null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                d.memoryBandwidthGBps(), null, null), gpu.precisions(), null, null, null, gpu.notes(), gpu.provenance());
        var e = assertThrows(InvalidInputException.class, () -> LlmAnalysisExport.of(noMemory, NVLINK));
        assertTrue(e.getMessage().contains("device.memoryGb") && e.getMessage().contains("mem_per_GPU_in_GB"),
                e.getMessage());
    }
}
