package dev.flopcal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.core.Precision;
import dev.flopcal.hardware.HostDetector;
import dev.flopcal.measurement.GemmGap;
import dev.flopcal.measurement.Interleaved;
import dev.flopcal.measurement.Mode;
import dev.flopcal.reporting.CalibrationSummary;

class GapRunTest {
    @TempDir
    Path dir;

    /**
     * Seeded rates whose round-by-round gemm/native ratios are 0.80, 0.81, ..., 0.99 in a shuffled order, on a
     * clock that drifts by a factor of up to 2 between rounds: the median of the ratios is 0.895 and its quartiles
     * 0.8475 and 0.9425, whatever the drift.
     */
    static Map<String, List<Double>> rates(long seed) {
        Random random = new Random(seed);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ratios.add(0.80 + 0.01 * i);
        }
        Collections.shuffle(ratios, random);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (String name : List.of(GemmGap.FMA, GemmGap.MICRO_KERNEL, GemmGap.GEMM, GemmGap.NATIVE)) {
            rates.put(name, new ArrayList<>());
        }
        for (int r = 0; r < 20; r++) {
            double clock = 1 + random.nextDouble();
            double nativeRate = 50e9 * clock;
            rates.get(GemmGap.FMA).add(70e9 * clock);
            rates.get(GemmGap.MICRO_KERNEL).add(63e9 * clock);
            rates.get(GemmGap.NATIVE).add(nativeRate);
            rates.get(GemmGap.GEMM).add(nativeRate * ratios.get(r));
        }
        return rates;
    }

    @Test
    void ratiosAreTakenRoundByRoundSoTheClockCancels() {
        GapRun run = GapRun.recomputed(1024, 2, 200, 0.03, rates(7));
        GapRun.Quartiles q = run.ratios().get(GapRun.GEMM_OVER_NATIVE);
        assertEquals(0.895, q.median(), 1e-12);
        assertEquals(0.8475, q.lowerQuartile(), 1e-12);
        assertEquals(0.9425, q.upperQuartile(), 1e-12);
        assertEquals(0.9, run.ratios().get("micro-kernel/fma").median(), 1e-12);
        assertEquals(1.26, run.ratios().get("micro-kernel/native").median(), 1e-12);
        assertEquals(20, run.rounds());
        assertEquals(List.of("gemm/native", "micro-kernel/fma", "gemm/micro-kernel", "gemm/fma", "native/fma",
                "micro-kernel/native"), List.copyOf(run.ratios().keySet()));
    }

    @Test
    void withoutNativeOnlyTheJvmRatiosAreKept() {
        Map<String, List<Double>> rates = rates(8);
        rates.remove(GemmGap.NATIVE);
        GapRun run = GapRun.recomputed(512, 1, 200, null, rates);
        assertNull(run.ratios().get(GapRun.GEMM_OVER_NATIVE));
        assertEquals(List.of("micro-kernel/fma", "gemm/micro-kernel", "gemm/fma"), List.copyOf(run.ratios().keySet()));
    }

    @Test
    void aMeasuredGapBecomesARunWithItsRates() {
        // tiny, so that it runs in a test: two rounds of 5 ms slices at n = 40 on one thread
        GemmGap gap = GemmGap.measure(Precision.FP64, 40, 1, new Interleaved(Duration.ofMillis(5), 1, 2),
                HostDetector.detect().cpu(), r -> { });
        GapRun run = GapRun.of(gap, 5);
        assertEquals(40, run.n());
        assertEquals(2, run.rounds());
        assertEquals(gap.result().names(), List.copyOf(run.rates().keySet()));
        assertEquals(gap.result().ratio(GemmGap.GEMM, GemmGap.FMA).median(), run.ratios().get("gemm/fma").median(), 0);
        assertTrue(run.rates().get(GemmGap.GEMM).stream().allMatch(v -> v > 0));
    }

    private Path goldenWithGap() throws Exception {
        Path file = Golden.write(dir);
        Profile p = ProfileIO.read(file);
        Map<Precision, List<GapRun>> gaps = new EnumMap<>(Precision.class);
        gaps.put(Precision.FP32, List.of(GapRun.recomputed(1024, 1, 200, 0.01, rates(1)),
                GapRun.recomputed(1024, 2, 200, 0.12, rates(2))));
        gaps.put(Precision.FP64, List.of(GapRun.recomputed(1024, 1, 200, null, rates(3))));
        ProfileIO.write(CpuProfileBuilder.withGap(p, gaps), file);
        return file;
    }

    @Test
    void aProfileWithRunsIsValidAndVerifies() throws Exception {
        Path file = goldenWithGap();
        Profile p = ProfileIO.read(file);
        assertEquals(2, p.precisions().get("fp32").gap().size());
        assertNull(p.precisions().get("bf16").gap());
        ProfileVerifier.Result r = ProfileVerifier.verify(file);
        assertTrue(r.ok(), r.mismatch());
        assertTrue(r.checks().stream().anyMatch(c -> c.contains("round-by-round ratios")), r.checks().toString());
    }

    @Test
    void anEditedRatioOrRateIsCaughtWithItsPath() throws Exception {
        Path file = goldenWithGap();
        String original = Files.readString(file);
        ObjectNode tree = (ObjectNode) ProfileIO.MAPPER.readTree(original);
        ObjectNode q = (ObjectNode) tree.path("precisions").path("fp32").path("gap").path(1).path("ratios")
                .path("gemm/native");
        q.put("median", 0.97);
        Files.writeString(file, ProfileIO.MAPPER.writeValueAsString(tree));
        ProfileVerifier.Result r = ProfileVerifier.verify(file);
        assertFalse(r.ok());
        assertTrue(r.mismatch().startsWith("precisions.fp32.gap[1].ratios.gemm/native.median: profile has 0.97"),
                r.mismatch());

        tree = (ObjectNode) ProfileIO.MAPPER.readTree(original);
        var rates = (com.fasterxml.jackson.databind.node.ArrayNode) tree.path("precisions").path("fp64").path("gap")
                .path(0).path("rates").path("gemm");
        for (int i = 0; i < rates.size(); i++) {
            rates.set(i, rates.get(i).asDouble() * 1.2);
        }
        Files.writeString(file, ProfileIO.MAPPER.writeValueAsString(tree));
        r = ProfileVerifier.verify(file);
        assertFalse(r.ok());
        assertTrue(r.mismatch().startsWith("precisions.fp64.gap[0].ratios.gemm/"), r.mismatch());
    }

    @Test
    void theSchemaRequiresRates() throws Exception {
        Path file = goldenWithGap();
        ObjectNode tree = (ObjectNode) ProfileIO.MAPPER.readTree(file.toFile());
        assertTrue(ProfileSchema.violations(tree).isEmpty(), ProfileSchema.violations(tree).toString());
        ((ObjectNode) tree.path("precisions").path("fp32").path("gap").path(0)).remove("rates");
        assertFalse(ProfileSchema.violations(tree).isEmpty());
    }

    @Test
    void theSummaryShowsEachRun() throws Exception {
        String text = CalibrationSummary.render(ProfileIO.read(goldenWithGap()));
        assertTrue(text.contains("Round by round"), text);
        assertTrue(text.contains("fp32  n=1024  t=2  JVM/native 0.895 (0.848-0.943)  micro-kernel/FMA 0.900 (0.900-0.900)"),
                text);
        assertTrue(text.contains("(hypervisor took 12%)"), text);
    }

    @Test
    void onlyFullModeRunsThem() {
        assertEquals(20, Mode.FULL.gapRounds());
        assertEquals(0, Mode.DEFAULT.gapRounds());
        assertEquals(0, Mode.QUICK.gapRounds());
    }
}
