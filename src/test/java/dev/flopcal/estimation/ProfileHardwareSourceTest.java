package dev.flopcal.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.profiles.AcceleratorProfiles;
import dev.flopcal.profiles.Device;
import dev.flopcal.profiles.FigureStatus;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;
import dev.flopcal.profiles.ProfileStore;
import dev.flopcal.profiles.Provenance;
import dev.flopcal.profiles.Roofline;
import dev.flopcal.profiles.Sample;
import dev.flopcal.runs.PublishedRunFit;

class ProfileHardwareSourceTest {
    static final double CPU_FP32_NOMINAL = 768e9;
    static final double CPU_FP32_ACHIEVED = 512e9;

    @TempDir
    Path dir;
    private ProfileStore store;
    private ProfileHardwareSource source;

    @BeforeEach
    void publishAcceleratorProfiles() throws IOException {
        store = new ProfileStore(dir.resolve("results"));
        AcceleratorProfiles.writeAll(store, "2026-01-05T10:00:00Z");
        source = new ProfileHardwareSource(store);
    }

    /** A measured CPU profile as calibrate writes it: fp32 measured, fp64 with an inferred ("check") per-cycle figure. */
    static Profile cpuProfile() {
        Device device = new Device("cpu", "Test CPU", "GenuineIntel", null, null, null, 8, 16, 1,
                new Device.Clock(null, 3.0e9, null, 3.0e9, "maximum clock reported by the OS"), null, null, null, null,
                null, null, null, null, null, null);
        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>();
        precisions.put("fp64", measured(384e9, 200e9, true));
        precisions.put("fp32", measured(CPU_FP32_NOMINAL, CPU_FP32_ACHIEVED, false));
        Provenance provenance = new Provenance("2026-01-05T09:00:00Z", "flopcal test", "25", "1.37", "quick", null,
                "../raw/cpu-test.jmh.json", "0".repeat(64), 30.0, null, null);
        return new Profile(Profile.SCHEMA_VERSION, "cpu-test-8c", device, precisions, null, null, null, List.of(),
                provenance);
    }

    private static PrecisionProfile measured(double nominal, double achieved, boolean estimated) {
        return new PrecisionProfile(nominal, "8 cores × 3 GHz × per-cycle figure", "test table", estimated, nominal / 24e9,
                achieved, achieved / 100, new PrecisionProfile.At(1024, 8), achieved / nominal, achieved / 100 / nominal,
                FigureStatus.MEASURED, "Vector API", List.of(new Sample(1024, 8, achieved, achieved / 100)), null, null, null);
    }

    @Test
    void aCpuProfileFileResolvesWithItsMeasuredFigure() throws IOException {
        Path file = dir.resolve("elsewhere/cpu-test-8c.json");
        ProfileIO.write(cpuProfile(), file);
        DeviceThroughput t = source.resolve(file.toString(), Precision.FP32);
        assertEquals("cpu-test-8c", t.id());
        assertEquals(CPU_FP32_NOMINAL, t.nominalFlopsPerDevice());
        assertEquals(CPU_FP32_ACHIEVED, t.achievedFlopsPerDevice());
        assertTrue(t.hasAchieved());
        assertTrue(t.obtainedBy().contains("measured by calibrate on 2026-01-05T09:00:00Z"), t.obtainedBy());
        assertTrue(t.obtainedBy().contains("cpu-test-8c"), t.obtainedBy());
        assertTrue(Double.isNaN(t.tdpW()), "a CPU profile has no TDP");
        assertFalse(t.needsCheck());
        assertTrue(source.resolve(file.toString(), Precision.FP64).needsCheck(), "an inferred per-cycle figure");
    }

    @Test
    void aPublishedCpuProfileResolvesById() throws IOException {
        ProfileIO.write(cpuProfile(), store.profileFile("cpu-test-8c"));
        assertEquals(CPU_FP32_ACHIEVED, source.resolve("cpu-test-8c", Precision.FP32).achievedFlopsPerDevice());
    }

    @Test
    void aPublishedAcceleratorProfileResolvesByIdWithItsFittedFigure() {
        Profile a100 = store.load("a100-sxm-80gb");
        PrecisionProfile bf16 = a100.precisions().get("bf16");
        DeviceThroughput t = source.resolve("a100-sxm-80gb", Precision.BF16);
        assertEquals(312e12, t.nominalFlopsPerDevice());
        assertEquals(bf16.achievedFlops(), t.achievedFlopsPerDevice());
        assertEquals(PublishedRunFit.shipped().predict("a100-sxm-80gb").centre(), t.utilization(), 1e-12);
        assertFalse(t.achievedMeasured(), "a published-run fit is an in-run MFU, not a measured rate");
        assertTrue(t.obtainedBy().startsWith("fitted from 8 published runs on its chip (profile a100-sxm-80gb)"),
                t.obtainedBy());
        assertEquals(80e9, t.memory().bytes(), 1);
        assertEquals(2039e9, t.memory().bandwidthBytesPerSecond(), 1);
        assertEquals(400, t.tdpW());
        assertTrue(t.source().contains(store.profileFile("a100-sxm-80gb").toString()), t.source());
        // another case of the catalog id still finds the published profile
        assertEquals(bf16.achievedFlops(), source.resolve("A100-SXM-80GB", Precision.BF16).achievedFlopsPerDevice());
    }

    @Test
    void aNominalOnlyPrecisionHasNoAchievedFigureAndTheEstimatorFallsBackToItsDefault() {
        DeviceThroughput t = source.resolve("b200-sxm-180gb", Precision.BF16);
        assertFalse(t.hasAchieved());
        assertEquals(2250e12, t.nominalFlopsPerDevice(), 1);
        assertTrue(t.obtainedBy().contains("nominal only"), t.obtainedBy());

        Estimator viaProfile = new Estimator(source, PublishedRunFit.shipped());
        EstimateRequest job = Requests.of("'params': 70e9, 'tokens': 2e12, 'profile': 'b200-sxm-180gb', 'devices': 512,"
                + " 'price': 4");
        Estimate e = viaProfile.estimate(job);
        Estimate viaCatalog = Estimator.shipped().estimate(job);
        assertEquals(viaCatalog.scenarios().base().deviceHours(), e.scenarios().base().deviceHours(), 0);
        assertEquals(viaCatalog.specSheet().deviceHours(), e.specSheet().deviceHours(), 0);
        assertNotNull(e.specSheet().deviceHours());
    }

    @Test
    void theEstimatorRunsAtTheProfilesAchievedFigureBesideTheSpecSheet() throws IOException {
        Path file = dir.resolve("cpu.json");
        ProfileIO.write(cpuProfile(), file);
        Estimate e = new Estimator(source, PublishedRunFit.shipped()).estimate(Requests.of("'flops': 1e18, 'profile': '"
                + file + "', 'precision': 'fp32', 'devices': 2"));
        assertEquals(CPU_FP32_ACHIEVED, e.achievedFlopsPerDevice());
        assertEquals(CPU_FP32_ACHIEVED / CPU_FP32_NOMINAL, e.utilization(), 1e-15);
        assertEquals(1e18 / CPU_FP32_ACHIEVED / 3600, e.scenarios().base().deviceHours(), 1e-9);
        assertEquals(1e18 / CPU_FP32_NOMINAL / 3600, e.specSheet().deviceHours(), 1e-9);
    }

    /** The CPU profile with 64 GB of host memory and a measured DRAM plateau of 100 ± 2 GB/s (95% 96-104 GB/s). */
    static Profile cpuProfileWithMemory() {
        Profile p = cpuProfile();
        Device d = p.device();
        Device withMemory = new Device(d.kind(), d.name(), d.vendor(), d.microarchitecture(), d.microarchitectureName(),
                d.cpuid(), d.cores(), d.threads(), d.packages(), d.clock(), d.caches(), d.simd(), d.flags(), 64_000_000_000L,
                d.os(), d.virtualized(), null, null, null, null);
        Roofline roofline = new Roofline(8, Map.of(), List.of(new Roofline.MemoryLevel("DRAM",
                Quantity.of(100e9, 2e9, 96e9, 104e9, "bytes/s"), List.of(1L << 30))), Map.of());
        return new Profile(p.schemaVersion(), p.id(), withMemory, p.precisions(), null, roofline, null, p.notes(),
                p.provenance());
    }

    /** An fp32 job on one device of {@link #cpuProfileWithMemory()}, with {@code keys} added. */
    private Estimate onCalibratedCpu(String keys) throws IOException {
        Path file = dir.resolve("cpu.json");
        ProfileIO.write(cpuProfileWithMemory(), file);
        return new Estimator(source, PublishedRunFit.shipped()).estimate(Requests.of(keys + ", 'profile': '" + file
                + "', 'precision': 'fp32', 'devices': 1"));
    }

    @Test
    void aOneDeviceJobOnACalibratedCpuRetriesWithinTwentyPercentOfItsBase() throws IOException {
        Estimate e = onCalibratedCpu("'params': 1e8, 'tokens': 1e9");
        double base = e.scenarios().base().deviceHours();
        // 6 · 1e8 · 1e9 FLOPs at the measured 512 GFLOP/s
        assertEquals(6e17 / CPU_FP32_ACHIEVED / 3600, base, base * 1e-12);
        // the slow factor is the measurement's: 512 / (512 − 5.12), its error being 1% of it
        assertEquals(1 / 0.99, e.scenarios().slow().deviceHours() / base, 1e-12);
        assertTrue(e.scenarios().retry().deviceHours() <= 1.2 * base, e.scenarios().retry().deviceHoursFactor()
                + " × base");
        // the host's memory holds 1e8 × 16 bytes (fp32 Adam: 4 + 4 + 0 + 8)
        assertEquals(64, e.memoryPerDeviceGb().available(), 0);
        assertEquals(1.6, e.memoryPerDeviceGb().total(), 1e-9);
    }

    @Test
    void aCalibratedCpuDecodesAtItsMeasuredDramBandwidth() throws IOException {
        Estimate e = onCalibratedCpu("'mode': 'inference', 'params': 1e9, 'tokens': 1e4");
        // 1e9 fp32 weights = 4 GB per token at the measured 100 GB/s, efficiency 1: 25 tokens/s
        assertEquals(25, e.tokensPerSecondPerDevice(), 1e-9);
        assertEquals("memory bandwidth", e.limitedBy());
        assertEquals(1.0, e.assumptions().get("memoryBandwidthEfficiency").value());
        // slow: the bandwidth at the lower end of its 95% interval, 100 / 96
        assertEquals(100 / 96.0, e.scenarios().slow().deviceHours() / e.scenarios().base().deviceHours(), 1e-12);
    }

    @Test
    void anIdPublishedNowhereFallsBackToTheCatalog() {
        ProfileHardwareSource empty = new ProfileHardwareSource(new ProfileStore(dir.resolve("empty")));
        DeviceThroughput t = empty.resolve("a100-sxm-80gb", Precision.BF16);
        assertEquals(CatalogHardwareSource.shipped().resolve("a100-sxm-80gb", Precision.BF16), t);
    }

    @Test
    void anUnknownValueIsNamedWithThePublishedAndCatalogIds() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> source.resolve("h100-sxm-81gb", Precision.BF16));
        assertTrue(e.getMessage().contains("'h100-sxm-81gb'"), e.getMessage());
        assertTrue(e.getMessage().contains("published: a100-sxm-40gb, a100-sxm-80gb"), e.getMessage());
        assertTrue(e.getMessage().contains("known: " + String.join(", ", AcceleratorCatalog.shipped().ids())),
                e.getMessage());
        InvalidInputException file = assertThrows(InvalidInputException.class,
                () -> source.resolve(dir.resolve("missing.json").toString(), Precision.BF16));
        assertTrue(file.getMessage().contains("missing.json"), file.getMessage());
    }

    @Test
    void aPrecisionTheProfileLacksIsNamedWithThoseItHas() throws IOException {
        InvalidInputException tpu = assertThrows(InvalidInputException.class,
                () -> source.resolve("tpu-v4", Precision.FP32));
        assertTrue(tpu.getMessage().startsWith("tpu-v4 has no fp32 figure"), tpu.getMessage());
        assertTrue(tpu.getMessage().contains("it has bf16, int8"), tpu.getMessage());
        Path file = dir.resolve("cpu.json");
        ProfileIO.write(cpuProfile(), file);
        InvalidInputException cpu = assertThrows(InvalidInputException.class,
                () -> source.resolve(file.toString(), Precision.BF16));
        assertTrue(cpu.getMessage().contains("cpu-test-8c has no bf16") && cpu.getMessage().contains("it has fp64, fp32"),
                cpu.getMessage());
    }

    @Test
    void aProfileWithoutANominalFigureIsRefused() throws IOException {
        Profile p = cpuProfile();
        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>(p.precisions());
        PrecisionProfile fp32 = precisions.get("fp32");
        precisions.put("fp32", new PrecisionProfile(null, null, null, null, null, fp32.achievedFlops(), fp32.achievedError(),
                fp32.achievedAt(), null, null, FigureStatus.MEASURED, fp32.path(), fp32.samples(), null, null, null));
        Path file = dir.resolve("no-clock.json");
        ProfileIO.write(new Profile(p.schemaVersion(), p.id(), p.device(), precisions, null, null, null, p.notes(),
                p.provenance()), file);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> source.resolve(file.toString(),
                Precision.FP32));
        assertTrue(e.getMessage().contains("no nominal fp32 figure") && e.getMessage().contains("--nominal fp32="),
                e.getMessage());
    }

    @Test
    void aCorruptPublishedProfileIsReportedNotSkipped() throws IOException {
        Files.writeString(store.profileFile("h100-sxm-80gb"), "{\"schemaVersion\": 1}");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> source.resolve("h100-sxm-80gb", Precision.BF16));
        assertTrue(e.getMessage().contains("h100-sxm-80gb.json"), e.getMessage());
    }
}
