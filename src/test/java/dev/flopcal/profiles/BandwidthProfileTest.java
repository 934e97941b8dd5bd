package dev.flopcal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.core.Quantity;
import dev.flopcal.core.Sha256;
import dev.flopcal.hardware.TestHosts;
import dev.flopcal.measurement.JmhRecord;
import dev.flopcal.measurement.JmhResults;

/** Bandwidth kernels at the plan's level sets, and the native reference beside them. */
class BandwidthProfileTest {
    private static final String HARNESS = "dev.flopcal.benchmarks.BandwidthBenchmark.";

    @TempDir
    Path dir;

    @Test
    void eachLevelListsItsKernelsAndItsPlateauIsTheTriad() {
        Roofline r = profile(records()).roofline();
        assertEquals(List.of("L1", "DRAM"), r.memory().stream().map(Roofline.MemoryLevel::level).toList());
        Roofline.MemoryLevel l1 = r.memory().get(0);
        // each JVM contributes the median of its iterations; the figure is their mean
        assertEquals((500e9 + 525e9) / 2, l1.bytesPerSecond().value(), 1);
        assertEquals(List.of(49152L), l1.workingSets());
        assertEquals(List.of("read", "triad"), l1.kernels().stream().map(Roofline.KernelBandwidth::kernel).toList());
        Roofline.KernelBandwidth read = l1.kernels().get(0);
        assertEquals(610e9, read.bytesPerSecond().value(), 1);
        assertEquals(2, read.jvms());
        assertNull(read.reference());
        // the sweep's set between the levels belongs to no plateau, but is a sample
        assertEquals(List.of("read L1", "triad L1", "triad sweep", "triad DRAM"), profile(records()).ceilings()
                .bandwidth().stream().map(b -> b.kernel() + " " + b.level()).toList());
    }

    @Test
    void olderRawResultsWithoutLevelsKeepTheirPlateausByCacheSizeAndListNoKernels() {
        Roofline r = Golden.profile().roofline();
        assertTrue(r.memory().stream().allMatch(l -> l.kernels() == null));
        assertTrue(Golden.profile().ceilings().bandwidth().stream().allMatch(b -> b.kernel() == null && b.level() == null));
    }

    @Test
    void theReferenceIsTheMeanOfItsRunsAndTheRatioCarriesBothIntervals() {
        Profile p = withReferences(profile(records()));
        Roofline.KernelBandwidth triad = p.roofline().memory().get(0).kernels().get(1);
        Roofline.NativeBandwidth ref = triad.reference();
        assertEquals(500e9, ref.bytesPerSecond().value(), 1);
        assertEquals(512.5e9 / 500e9, triad.ofReference().value(), 1e-12);
        // the spread between runs pooled over the references run twice: here the L1 triad's alone, ln(520/480)²/2
        double s = Math.log(520.0 / 480.0) / Math.sqrt(2);
        double half = new org.apache.commons.math3.distribution.TDistribution(1).inverseCumulativeProbability(0.975)
                * s * Math.sqrt(2.0 / 2);
        assertEquals(500e9 * Math.exp(half), ref.bytesPerSecond().high(), 1e-6 * 500e9);
        Quantity q = triad.ofReference();
        assertTrue(q.low() < q.value() && q.value() < q.high());
        double aHalf = Math.log(triad.bytesPerSecond().high() / triad.bytesPerSecond().value());
        assertEquals(q.value() * Math.exp(Math.hypot(aHalf, half)), q.high(), 1e-9);
        // a kernel without a reference keeps none; a reference run once takes the pooled spread
        assertNull(p.roofline().memory().get(0).kernels().get(0).reference());
        Roofline.KernelBandwidth dram = p.roofline().memory().get(1).kernels().get(0);
        assertEquals(51e9 / 50e9, dram.ofReference().value(), 1e-12);
        assertTrue(dram.reference().bytesPerSecond().hasInterval());
    }

    @Test
    void onlyTheReferenceAtTheRooflinesThreadsIsAttached() {
        // full mode runs likwid-bench at 1 and 2 threads; the roofline is at 2 (a 1-thread run at half the rate once
        // went into the 2-thread figure)
        Profile p = CpuProfileBuilder.withBandwidthReference(profile(records()), List.of(
                new CpuProfileBuilder.BandwidthReference("L1", "triad", new Roofline.NativeBandwidth("likwid-bench 5.2",
                        "stream_avx512", "likwid-bench -t stream_avx512 -w N:24576B:1", 24576, 1,
                        List.of(240e9, 260e9), null)),
                new CpuProfileBuilder.BandwidthReference("L1", "triad", reference("stream_avx512", 49152, 480e9, 520e9))));
        assertEquals(2, p.roofline().threads());
        Roofline.NativeBandwidth ref = p.roofline().memory().get(0).kernels().get(1).reference();
        assertEquals(2, ref.threads());
        assertEquals(List.of(480e9, 520e9), ref.runs());
        assertEquals(500e9, ref.bytesPerSecond().value(), 1);
        // the pooled spread is the 2-thread runs' alone: ln(520/480)/√2 on one degree of freedom
        double s = Math.log(520.0 / 480.0) / Math.sqrt(2);
        double half = new org.apache.commons.math3.distribution.TDistribution(1).inverseCumulativeProbability(0.975)
                * s * Math.sqrt(2.0 / 2);
        assertEquals(500e9 * Math.exp(half), ref.bytesPerSecond().high(), 1e-6 * 500e9);
    }

    @Test
    void aProfileWithReferencesVerifiesAndAnEditedRunIsCaught() throws Exception {
        Path file = write(withReferences(profile(records())));
        ProfileVerifier.Result ok = ProfileVerifier.verify(file);
        assertTrue(ok.ok(), ok.mismatch());
        ObjectNode tree = (ObjectNode) ProfileIO.MAPPER.readTree(file.toFile());
        ObjectNode triad = (ObjectNode) tree.path("roofline").path("memory").get(0).path("kernels").get(1);
        ((ArrayNode) triad.path("reference").path("runs")).set(0, 400e9);
        Files.writeString(file, ProfileIO.MAPPER.writeValueAsString(tree));
        ProfileVerifier.Result edited = ProfileVerifier.verify(file);
        assertFalse(edited.ok());
        assertTrue(edited.mismatch().startsWith("roofline.memory[0].kernels[1]"), edited.mismatch());
    }

    private static List<JmhRecord> records() {
        List<JmhRecord> out = new ArrayList<>();
        out.add(record("triad", "L1", 49152, List.of(500e9, 510e9, 490e9), List.of(520e9, 530e9, 525e9)));
        out.add(record("read", "L1", 49152, List.of(600e9, 600e9, 600e9), List.of(620e9, 620e9, 620e9)));
        out.add(record("triad", "sweep", 1 << 20, List.of(300e9, 300e9, 300e9), List.of(310e9, 310e9, 310e9)));
        out.add(record("triad", "DRAM", 256L << 20, List.of(50e9, 50e9, 50e9), List.of(52e9, 52e9, 52e9)));
        return out;
    }

    private static JmhRecord record(String kernel, String level, long ws, List<Double> jvm1, List<Double> jvm2) {
        return new JmhRecord(HARNESS + kernel, Map.of("workingSetBytes", Long.toString(ws), "threads", "2", "level",
                level), "bytes", 0, Double.NaN, "ops/s", List.of(jvm1, jvm2), "", "");
    }

    private static Profile profile(List<JmhRecord> records) {
        return CpuProfileBuilder.build(Golden.inputs(TestHosts.emeraldRapidsVm(), Map.of()), records);
    }

    private static Profile withReferences(Profile p) {
        return CpuProfileBuilder.withBandwidthReference(p, List.of(
                new CpuProfileBuilder.BandwidthReference("L1", "triad", reference("stream_avx512", 49152, 480e9, 520e9)),
                new CpuProfileBuilder.BandwidthReference("DRAM", "triad", reference("stream_avx512", 268435456, 50e9)),
                new CpuProfileBuilder.BandwidthReference("L3", "triad", reference("stream_avx512", 1 << 24, 1e11))));
    }

    private static Roofline.NativeBandwidth reference(String test, long ws, Double... runs) {
        return new Roofline.NativeBandwidth("likwid-bench 5.2", test, "likwid-bench -t " + test + " -w N:" + ws + "B:2",
                ws, 2, List.of(runs), null);
    }

    /** The profile and raw results in JMH's JSON as the builder reads them back, the profile's SHA-256 matching. */
    private Path write(Profile built) throws Exception {
        ArrayNode raw = ProfileIO.MAPPER.createArrayNode();
        for (JmhRecord r : records()) {
            ObjectNode b = raw.addObject();
            b.put("benchmark", r.benchmark());
            b.put("jmhVersion", "1.37");
            b.put("jdkVersion", "");
            r.params().forEach(b.putObject("params")::put);
            ObjectNode bytes = b.putObject("secondaryMetrics").putObject("bytes");
            bytes.put("score", r.forks().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).average()
                    .orElseThrow());
            bytes.put("scoreError", Double.NaN);
            bytes.put("scoreUnit", "ops/s");
            ArrayNode forks = bytes.putArray("rawData");
            r.forks().forEach(f -> f.forEach(forks.addArray()::add));
            b.putObject("primaryMetric").put("score", 1).put("scoreUnit", "ops/s");
        }
        byte[] json = ProfileIO.MAPPER.writeValueAsBytes(raw);
        assertEquals(records().size(), JmhResults.parse("raw", new String(json, StandardCharsets.UTF_8)).size());
        Files.createDirectories(dir.resolve("raw"));
        Files.write(dir.resolve("raw").resolve("golden.jmh.json"), json);
        Provenance prov = built.provenance();
        Provenance withSha = new Provenance(prov.createdAt(), prov.tool(), prov.jdk(), prov.jmh(), prov.mode(),
                prov.plan(), prov.rawResults(), Sha256.hex(json), prov.durationSeconds(), prov.load(), prov.sources());
        Profile rebuilt = withReferences(CpuProfileBuilder.build(withProvenance(withSha),
                JmhResults.parse("raw", new String(json, StandardCharsets.UTF_8))));
        Path file = dir.resolve("profiles").resolve("cpu-test-golden.json");
        ProfileIO.write(rebuilt, file);
        return file;
    }

    private static CpuProfileBuilder.Inputs withProvenance(Provenance prov) {
        CpuProfileBuilder.Inputs in = Golden.inputs(TestHosts.emeraldRapidsVm(), Map.of());
        return new CpuProfileBuilder.Inputs(in.id(), in.device(), in.reportedClockHz(), in.maxClockHz(),
                in.physicalCores(), in.rates(), in.nominalOverrides(), in.paths(), in.l1Bytes(), in.l2Bytes(),
                in.l3Bytes(), in.nativeBlas(), in.notes(), prov);
    }
}
