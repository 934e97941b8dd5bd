package dev.flopcal.profiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.flopcal.core.Precision;
import dev.flopcal.core.Sha256;
import dev.flopcal.hardware.Cpu;
import dev.flopcal.hardware.Host;
import dev.flopcal.hardware.Microarchitecture;
import dev.flopcal.hardware.Microarchitectures;
import dev.flopcal.hardware.NominalPeaks;
import dev.flopcal.hardware.TestHosts;
import dev.flopcal.measurement.JmhRecord;
import dev.flopcal.measurement.JmhResults;

/** A profile built from the golden raw results of a real default calibration, on a fixed test host. */
final class Golden {
    static final String RAW = "/dev/flopcal/golden/default-2c.jmh.json";

    private Golden() {
    }

    static byte[] rawBytes() {
        try (var in = Golden.class.getResourceAsStream(RAW)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JmhRecord> records() {
        return JmhResults.parse(RAW, new String(rawBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    static CpuProfileBuilder.Inputs inputs(Cpu cpu, Map<Precision, Double> overrides) {
        return inputs(cpu, overrides, rawBytes());
    }

    static CpuProfileBuilder.Inputs inputs(Cpu cpu, Map<Precision, Double> overrides, byte[] raw) {
        Host host = TestHosts.host(cpu);
        Optional<Microarchitecture> uarch = Microarchitectures.of(cpu);
        Provenance prov = new Provenance(Instant.parse("2026-11-22T11:18:52Z").toString(), "flopcal test", host.jdk(),
                "1.37", "default", Map.of("test", "golden"), "../raw/golden.jmh.json",
                Sha256.hex(raw), 120.0, Map.of("loadAverageBefore", 1.0), null);
        return new CpuProfileBuilder.Inputs("cpu-test-golden", Devices.of(host, uarch), cpu.reportedClockHz(),
                cpu.maxClockHz(), cpu.physicalCores(), NominalPeaks.rates(cpu, uarch), overrides, Map.of(),
                49152, 2097152, 272629760, null, List.of(), prov);
    }

    static Profile profile() {
        return CpuProfileBuilder.build(inputs(TestHosts.emeraldRapidsVm(), Map.of()), records());
    }

    /**
     * Writes a profile of the golden raw results reduced to the GEMM (JVM and native) of one precision, as
     * {@code ./calibrate --precisions P} records them (the FMA probe and the bandwidth sweep stay); returns the
     * profile file.
     */
    static Path writeOnly(Path dir, Precision gemm) throws IOException {
        var tree = (com.fasterxml.jackson.databind.node.ArrayNode) ProfileIO.MAPPER.readTree(rawBytes());
        for (int i = tree.size() - 1; i >= 0; i--) {
            var r = tree.get(i);
            if (r.path("benchmark").asText().contains("GemmBenchmark")
                    && !r.path("params").path("precision").asText().equals(gemm.id())) {
                tree.remove(i);
            }
        }
        byte[] raw = ProfileIO.MAPPER.writeValueAsBytes(tree);
        Files.createDirectories(dir.resolve("raw"));
        Files.write(dir.resolve("raw").resolve("golden.jmh.json"), raw);
        Path file = dir.resolve("profiles").resolve("cpu-test-golden.json");
        List<JmhRecord> records = JmhResults.parse(RAW, new String(raw, java.nio.charset.StandardCharsets.UTF_8));
        ProfileIO.write(CpuProfileBuilder.build(inputs(TestHosts.emeraldRapidsVm(), Map.of(), raw), records), file);
        return file;
    }

    /** Writes the golden profile and its raw results under dir/profiles and dir/raw; returns the profile file. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("raw"));
        Files.write(dir.resolve("raw").resolve("golden.jmh.json"), rawBytes());
        Path file = dir.resolve("profiles").resolve("cpu-test-golden.json");
        ProfileIO.write(profile(), file);
        return file;
    }
}
