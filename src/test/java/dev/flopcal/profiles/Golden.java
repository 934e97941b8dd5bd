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
        Host host = TestHosts.host(cpu);
        Optional<Microarchitecture> uarch = Microarchitectures.of(cpu);
        Provenance prov = new Provenance(Instant.parse("2026-11-22T11:18:52Z").toString(), "flopcal test", host.jdk(),
                "1.37", "default", Map.of("test", "golden"), "../raw/golden.jmh.json",
                Sha256.hex(rawBytes()), 120.0, Map.of("loadAverageBefore", 1.0), null);
        return new CpuProfileBuilder.Inputs("cpu-test-golden", Devices.of(host, uarch), cpu.reportedClockHz(),
                cpu.maxClockHz(), cpu.physicalCores(), NominalPeaks.rates(cpu, uarch), overrides, Map.of(),
                49152, 2097152, 272629760, null, List.of(), prov);
    }

    static Profile profile() {
        return CpuProfileBuilder.build(inputs(TestHosts.emeraldRapidsVm(), Map.of()), records());
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
