package dev.flopcal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import dev.flopcal.estimation.Estimator;
import dev.flopcal.estimation.ProfileHardwareSource;
import dev.flopcal.profiles.AcceleratorProfiles;
import dev.flopcal.profiles.Device;
import dev.flopcal.profiles.FigureStatus;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;
import dev.flopcal.profiles.ProfileStore;
import dev.flopcal.profiles.Provenance;
import dev.flopcal.runs.PublishedRunFit;

/** {@code estimate --profile} over published and file profiles (a results directory in a temporary folder). */
class EstimateProfileCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private ProfileStore store;

    @BeforeEach
    void publish() throws IOException {
        store = new ProfileStore(dir.resolve("results"));
        AcceleratorProfiles.writeAll(store, "2026-01-05T10:00:00Z");
    }

    private record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        EstimateCommand command = new EstimateCommand(
                () -> new Estimator(new ProfileHardwareSource(store), PublishedRunFit.shipped()));
        int code = Main.configure(new CommandLine(command), new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Profile cpuProfile() {
        Device device = new Device("cpu", "Test CPU", "GenuineIntel", null, null, null, 4, 8, 1,
                new Device.Clock(null, 2.5e9, null, 2.5e9, "maximum clock reported by the OS"), null, null, null, null,
                null, null, null, null, null, null);
        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>();
        precisions.put("fp32", new PrecisionProfile(320e9, "4 cores × 2.5 GHz × 32 FLOP/cycle", "test table", false,
                32.0, 240e9, 2e9, new PrecisionProfile.At(1024, 4), 0.75, 2e9 / 320e9, FigureStatus.MEASURED, "Vector API", null,
                null, null, null));
        return new Profile(Profile.SCHEMA_VERSION, "cpu-test-4c", device, precisions, null, null, null, List.of(),
                new Provenance("2026-01-05T09:00:00Z", "flopcal test", "25", "1.37", "quick", null,
                        "../raw/cpu-test-4c.jmh.json", "0".repeat(64), 30.0, null, null));
    }

    @Test
    void aPublishedAcceleratorProfileIdGivesItsFittedThroughputBesideTheSpecSheet() throws IOException {
        Run run = run("--params", "70e9", "--tokens", "2e12", "--profile", "a100-sxm-80gb", "--devices", "1024",
                "--price", "2", "--json");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        JsonNode json = run.json();
        double achieved = store.load("a100-sxm-80gb").precisions().get("bf16").achievedFlops();
        assertEquals(achieved, json.get("achievedFlopsPerDevice").asDouble(), 0);
        assertEquals(312e12, json.get("nominalFlopsPerDevice").asDouble(), 0);
        assertTrue(json.get("throughputSource").asText().contains("fitted from 8 published runs on its chip"), run.out());
        assertEquals("mfu", json.get("utilizationKind").asText());
        assertEquals(8.4e23 / 312e12 / 3600, json.at("/specSheet/deviceHours").asDouble(), 1e-6);
        assertEquals(8.4e23 / achieved / 3600, json.at("/scenarios/base/deviceHours").asDouble(), 1e-6);
    }

    @Test
    void aCpuProfileFileGivesItsMeasuredThroughput() throws IOException {
        Path file = dir.resolve("cpu-test-4c.json");
        ProfileIO.write(cpuProfile(), file);
        Run run = run("--flops", "1e18", "--profile", file.toString(), "--precision", "fp32", "--devices", "1", "--json");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        JsonNode json = run.json();
        assertEquals(240e9, json.get("achievedFlopsPerDevice").asDouble(), 0);
        assertEquals(0.75, json.get("utilization").asDouble(), 1e-15);
        assertTrue(json.get("throughputSource").asText().contains("measured by calibrate"), run.out());
        assertTrue(json.at("/specSheet/deviceHours").isNumber());
    }

    @Test
    void anUnknownProfileExitsWithTwoNamingIt() {
        Run run = run("--flops", "1e21", "--profile", "h100-sxm-81gb", "--devices", "8");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("unknown profile 'h100-sxm-81gb'"), run.err());
        assertTrue(run.err().contains("published: a100-sxm-40gb"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aPrecisionTheProfileLacksExitsWithTwoListingWhatItHas() throws IOException {
        Run tpu = run("--flops", "1e21", "--profile", "tpu-v5e", "--precision", "fp8", "--devices", "8");
        assertEquals(ExitCodes.BAD_INPUT, tpu.exitCode(), tpu.out() + tpu.err());
        assertTrue(tpu.err().contains("tpu-v5e has no fp8 figure") && tpu.err().contains("it has bf16, int8"), tpu.err());

        Path file = dir.resolve("cpu-test-4c.json");
        ProfileIO.write(cpuProfile(), file);
        Run cpu = run("--flops", "1e18", "--profile", file.toString(), "--devices", "1");
        assertEquals(ExitCodes.BAD_INPUT, cpu.exitCode(), cpu.out() + cpu.err());
        assertTrue(cpu.err().contains("cpu-test-4c has no bf16 figure") && cpu.err().contains("it has fp32"), cpu.err());
    }
}
