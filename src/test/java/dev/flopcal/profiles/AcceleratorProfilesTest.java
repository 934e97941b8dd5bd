package dev.flopcal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.core.CsvTable;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Quantity;
import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.hardware.AcceleratorSpec;
import dev.flopcal.runs.PublishedRun;
import dev.flopcal.runs.PublishedRunFit;
import dev.flopcal.runs.PublishedRunFitter;

class AcceleratorProfilesTest {
    private static final String CREATED = "2026-01-05T10:00:00Z";
    private static final AcceleratorCatalog CATALOG = AcceleratorCatalog.shipped();
    private static final PublishedRunFit FIT = PublishedRunFit.shipped();

    private static Profile shipped(String id) {
        return AcceleratorProfiles.build(CATALOG.get(id), FIT, CREATED);
    }

    @Test
    void oneSchemaValidProfilePerCatalogRowWithTheCsvIdAsProfileId() {
        List<Profile> profiles = AcceleratorProfiles.build(CATALOG, FIT, CREATED);
        assertEquals(CATALOG.ids(), profiles.stream().map(Profile::id).toList());
        for (Profile p : profiles) {
            AcceleratorSpec spec = CATALOG.get(p.id());
            String json = ProfileIO.toJson(p); // throws when the schema is violated
            assertEquals(p, ProfileIO.parse(p.id(), json), "round trip of " + p.id());
            assertEquals(spec.kind(), p.device().kind());
            assertEquals(spec.name(), p.device().name());
            assertEquals(spec.source(), p.device().source());
            assertEquals(spec.memoryGb(), p.device().memoryGb());
            assertEquals(spec.memoryBandwidthGbPerSecond(), p.device().memoryBandwidthGBps());
            assertEquals(AcceleratorProfiles.MODE, p.provenance().mode());
            assertNull(p.provenance().rawResults());
            assertTrue(p.provenance().sources().get(0).contains(spec.source()), p.provenance().sources().toString());
            assertEquals(spec.precisions().stream().map(x -> x.id()).toList(), List.copyOf(p.precisions().keySet()));
            spec.precisions().forEach(x -> {
                PrecisionProfile e = p.precisions().get(x.id());
                assertEquals(spec.peakFlops(x).orElseThrow(), e.nominalFlops(), p.id() + " " + x);
                assertEquals(spec.source(), e.nominalSource());
            });
        }
    }

    @Test
    void a100Bf16IsFittedFromItsPublishedRuns() {
        Profile a100 = shipped("a100-sxm-80gb");
        PrecisionProfile bf16 = a100.precisions().get("bf16");
        assertEquals(FigureStatus.FITTED, bf16.status());
        // published-runs.csv: MT-NLG MFU 0.302, OPT 147 and BLOOM 156 TFLOP/s per device, MegaScale MFU 0.552
        double[] u = {0.302, 147.0 / 312, 156.0 / 312, 0.552};
        double mean = (u[0] + u[1] + u[2] + u[3]) / 4;
        double ss = 0;
        for (double v : u) {
            ss += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(ss / 3) / 2;
        double half = 3.182446305284263 * se; // Student t, 0.975 quantile, 3 degrees of freedom
        assertEquals(mean, bf16.utilization(), 1e-12);
        assertEquals(mean * 312e12, bf16.achievedFlops(), 1);
        assertEquals(half, bf16.utilizationError(), 1e-9);
        assertEquals(half * 312e12, bf16.achievedError(), 1e-9 * half * 312e12); // commons-math t quantile: ~1e-10
        Quantity ofNominal = bf16.fits().utilization().ofNominal();
        assertEquals(se, ofNominal.standardError(), 1e-12);
        assertEquals(mean - half, ofNominal.ci95().get(0), 1e-9);
        assertEquals(mean + half, ofNominal.ci95().get(1), 1e-9);
        assertEquals(4, bf16.publishedRuns().size());
        for (String model : List.of("MT-NLG 530B", "OPT-175B", "BLOOM 176B", "MegaScale 175B")) {
            assertTrue(bf16.publishedRuns().stream().anyMatch(r -> r.startsWith(model + ":") && r.contains("source: ")),
                    model + " in " + bf16.publishedRuns());
        }
        assertTrue(a100.provenance().sources().contains("Zhang et al. 2022 (arXiv 2205.01068)"));
        assertTrue(a100.notes().stream().anyMatch(n -> n.contains("Llama 2 7B, Llama 2 70B") && n.contains("not used")),
                a100.notes().toString());
        for (String other : List.of("fp64", "fp32", "tf32", "fp16", "int8")) {
            PrecisionProfile e = a100.precisions().get(other);
            assertEquals(FigureStatus.NOMINAL_ONLY, e.status(), other);
            assertNull(e.achievedFlops(), other);
            assertNull(e.utilization(), other);
            assertNull(e.publishedRuns(), other);
        }
    }

    @Test
    void theFittedFigureIsTheFittersInRunUtilization() {
        var fitted = FIT.forHardware("a100-sxm-80gb").orElseThrow().inRunUtilization();
        PrecisionProfile bf16 = shipped("a100-sxm-80gb").precisions().get("bf16");
        assertEquals(fitted.mean(), bf16.utilization(), 0);
        assertEquals(List.of(fitted.lower(), fitted.upper()), bf16.fits().utilization().ofNominal().ci95());
    }

    @Test
    void hardwareWithoutRunsIsNominalOnlyEverywhere() {
        for (String id : List.of("tpu-v5e", "h100-sxm-80gb")) {
            Profile p = shipped(id);
            for (PrecisionProfile e : p.precisions().values()) {
                assertEquals(FigureStatus.NOMINAL_ONLY, e.status(), id);
                assertNull(e.achievedFlops(), id);
                assertNull(e.achievedError(), id);
                assertNull(e.fits(), id);
            }
            assertTrue(p.notes().stream().anyMatch(n -> n.startsWith("nominal only: no run")), p.notes().toString());
        }
        Profile v5e = shipped("tpu-v5e");
        assertNull(v5e.device().tdpW(), "the csv gives no TDP for TPUs: none is invented");
        assertEquals(197e12, v5e.precisions().get("bf16").nominalFlops(), 1);
        assertEquals(List.of("bf16", "int8"), List.copyOf(v5e.precisions().keySet()));
    }

    @Test
    void runsThatStateNoUtilizationLeaveTheHardwareNominalOnly() {
        Profile h800 = shipped("h800-sxm-80gb"); // DeepSeek-V3 states device-hours, not MFU
        assertTrue(h800.precisions().values().stream().allMatch(e -> e.status().equals(FigureStatus.NOMINAL_ONLY)));
        assertTrue(h800.notes().stream().anyMatch(n -> n.contains("DeepSeek-V3") && n.contains("no in-run utilization")),
                h800.notes().toString());
    }

    @Test
    void aSingleRunGivesAFigureWithoutAnInterval() {
        Profile v4 = shipped("tpu-v4");
        PrecisionProfile bf16 = v4.precisions().get("bf16");
        assertEquals(FigureStatus.FITTED, bf16.status());
        assertEquals(0.462, bf16.utilization(), 0); // PaLM 540B MFU
        assertEquals(0.462 * 275e12, bf16.achievedFlops(), 1);
        assertNull(bf16.achievedError());
        assertNull(bf16.utilizationError());
        assertNull(bf16.fits().utilization().ofNominal().ci95());
        assertNull(bf16.fits().utilization().ofNominal().standardError());
        assertEquals(1, bf16.publishedRuns().size());
        assertTrue(v4.notes().stream().anyMatch(n -> n.contains("one run") && n.contains("at least 2")), v4.notes().toString());
        assertEquals(FigureStatus.NOMINAL_ONLY, v4.precisions().get("int8").status());
    }

    @Test
    void checkRowsAreMarkedAndQuoted() {
        for (String id : List.of("h800-sxm-80gb", "b200-sxm-180gb", "mi300x-192gb")) {
            Profile p = shipped(id);
            assertTrue(p.precisions().values().stream().allMatch(e -> e.nominalEstimated()), id);
            String csvNotes = CATALOG.get(id).notes();
            assertTrue(p.notes().stream().anyMatch(n -> n.contains("'check'") && n.contains(csvNotes)), p.notes().toString());
        }
        Profile h100 = shipped("h100-sxm-80gb");
        assertTrue(h100.precisions().values().stream().noneMatch(PrecisionProfile::nominalEstimated));
    }

    @Test
    void nominalBasisKeepsTheFp64TensorFigureAndUnits() {
        Profile a100 = shipped("a100-sxm-80gb");
        assertEquals(9.7e12, a100.precisions().get("fp64").nominalFlops(), 1);
        String fp64 = a100.precisions().get("fp64").nominalBasis();
        assertTrue(fp64.contains("9.7 TFLOP/s") && fp64.contains("fp64 tensor core: 19.5 TFLOP/s"), fp64);
        assertTrue(a100.precisions().get("int8").nominalBasis().contains("624 TOP/s"));
        assertTrue(shipped("l4-24gb").precisions().get("fp64").nominalBasis().contains("fp64 tensor core: not published"));
        assertTrue(shipped("h100-sxm-80gb").precisions().get("bf16").nominalBasis().contains("989.4 TFLOP/s"));
    }

    // ---- synthetic inputs: known answers ------------------------------------------------------------------------

    private static final String HEADER = "id,name,vendor,kind,fp64_tflops,fp64_tensor_tflops,fp32_tflops,tf32_tflops,"
            + "bf16_tflops,fp16_tflops,fp8_tflops,int8_tops,memory_gb,memory_bandwidth_gbps,tdp_w,notes,source\n";

    private static AcceleratorCatalog synthetic() throws IOException {
        return AcceleratorCatalog.from(CsvTable.read(new StringReader(HEADER
                + "gpu-a,A,V,gpu,,,,,100,100,,,80,2000,400,,sheet A\n"
                + "gpu-f,F,V,gpu,,,10,,,50,,,16,900,300,,sheet F\n"), "synthetic.csv"));
    }

    private static PublishedRun run(int line, String hardware, double mfu, double tflops) {
        return new PublishedRun(line, "run " + line, 1e9, Double.NaN, 1e11, hardware, 0, Double.NaN, Double.NaN, mfu,
                tflops, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", "paper " + line);
    }

    @Test
    void recoversAKnownUtilizationAndIntervalFromSyntheticRuns() throws IOException {
        AcceleratorCatalog catalog = synthetic();
        PublishedRunFit fit = new PublishedRunFitter(catalog).fit(List.of(run(1, "gpu-a", 0.4, Double.NaN),
                run(2, "gpu-a", Double.NaN, 50), run(3, "gpu-a", 0.6, Double.NaN), run(4, "gpu-f", 0.25, Double.NaN),
                run(5, "gpu-f", 0.35, Double.NaN)));
        PrecisionProfile a = AcceleratorProfiles.build(catalog.get("gpu-a"), fit, CREATED).precisions().get("bf16");
        // utilizations 0.4, 0.5 (50 of 100 TFLOP/s), 0.6: mean 0.5, s = 0.1, se = 0.1/√3, t(0.975, 2) = 4.3027
        double half = 4.302652729911275 * 0.1 / Math.sqrt(3);
        assertEquals(0.5, a.utilization(), 1e-12);
        assertEquals(50e12, a.achievedFlops(), 1e-3);
        assertEquals(half, a.utilizationError(), 1e-9);
        assertEquals(half * 100e12, a.achievedError(), 1e-9 * half * 100e12);
        assertEquals(0.1 / Math.sqrt(3), a.fits().utilization().ofNominal().standardError(), 1e-12);
        assertTrue(a.publishedRuns().get(1).contains("tflops_per_device 50 / nominal 100 TFLOP/s"), a.publishedRuns().get(1));
        assertEquals(List.of("paper 1", "paper 2", "paper 3"), AcceleratorProfiles.build(catalog.get("gpu-a"), fit, CREATED)
                .provenance().sources().subList(2, 5));

        // no bf16 peak: the fp16 peak is the training precision
        Profile f = AcceleratorProfiles.build(catalog.get("gpu-f"), fit, CREATED);
        assertEquals(FigureStatus.FITTED, f.precisions().get("fp16").status());
        assertEquals(0.30 * 50e12, f.precisions().get("fp16").achievedFlops(), 1e-2);
        assertEquals(FigureStatus.NOMINAL_ONLY, f.precisions().get("fp32").status());
    }

    @Test
    void buildingIsDeterministicAndCreatedAtOnlyReachesTheProvenance() {
        Profile first = shipped("a100-sxm-80gb");
        assertEquals(ProfileIO.toJson(first), ProfileIO.toJson(shipped("a100-sxm-80gb")));
        Profile later = AcceleratorProfiles.build(CATALOG.get("a100-sxm-80gb"), FIT, "2027-06-30T00:00:00Z");
        assertEquals(first.precisions(), later.precisions());
        assertEquals(first.device(), later.device());
        assertEquals(first.notes(), later.notes());
        assertNotEquals(first.provenance(), later.provenance());
    }

    @Test
    void badInputsAreRefusedNamingTheValue() throws IOException {
        InvalidInputException when = assertThrows(InvalidInputException.class,
                () -> AcceleratorProfiles.build(CATALOG, FIT, "yesterday"));
        assertTrue(when.getMessage().contains("'yesterday'"), when.getMessage());
        AcceleratorCatalog badId = AcceleratorCatalog.from(CsvTable.read(new StringReader(HEADER
                + "GPU A,A,V,gpu,,,,,100,,,,,,,,s\n"), "bad.csv"));
        assertThrows(InvalidInputException.class, () -> AcceleratorProfiles.build(badId, FIT, CREATED));
    }

    // ---- verification -------------------------------------------------------------------------------------------

    private static ProfileVerifier.Result verifyEdited(Profile p, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode tree = ProfileIO.MAPPER.valueToTree(p);
        edit.accept(tree);
        return ProfileVerifier.verifyAccelerator(ProfileIO.MAPPER.treeToValue(tree, Profile.class), CATALOG, FIT);
    }

    private static ObjectNode entry(ObjectNode tree, String precision) {
        return (ObjectNode) tree.path("precisions").path(precision);
    }

    @Test
    void everyFreshProfileVerifies() {
        for (Profile p : AcceleratorProfiles.build(CATALOG, FIT, CREATED)) {
            ProfileVerifier.Result r = ProfileVerifier.verifyAccelerator(p, CATALOG, FIT);
            assertTrue(r.ok(), p.id() + ": " + r.mismatch());
            assertTrue(r.checks().stream().anyMatch(c -> c.contains("numbers") && c.contains("reproduce")), r.checks().toString());
        }
    }

    @Test
    void aHandEditedAchievedFigureIsCaughtWithItsPath() throws IOException {
        ProfileVerifier.Result r = verifyEdited(shipped("a100-sxm-80gb"),
                t -> entry(t, "bf16").put("achievedFlops", 1.6e14));
        assertFalse(r.ok());
        assertTrue(r.mismatch().startsWith("precisions.bf16.achievedFlops: profile has 1.6E14,"), r.mismatch());
        ProfileVerifier.Result ci = verifyEdited(shipped("a100-sxm-80gb"), t -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                entry(t, "bf16").path("fits").path("utilization").path("ofNominal").path("ci95")).set(1, 0.7));
        assertTrue(ci.mismatch().startsWith("precisions.bf16.fits.utilization.ofNominal.ci95[1]:"), ci.mismatch());
    }

    @Test
    void aHandEditedNominalOrDeviceFigureIsCaught() throws IOException {
        ProfileVerifier.Result nominal = verifyEdited(shipped("h100-sxm-80gb"),
                t -> entry(t, "fp32").put("nominalFlops", 67.9e12));
        assertFalse(nominal.ok());
        assertTrue(nominal.mismatch().startsWith("precisions.fp32.nominalFlops: profile has 6.79E13, accelerators.csv"),
                nominal.mismatch());
        ProfileVerifier.Result memory = verifyEdited(shipped("h100-sxm-80gb"),
                t -> ((ObjectNode) t.path("device")).put("memoryGb", 96.0));
        assertTrue(memory.mismatch().startsWith("device.memoryGb:"), memory.mismatch());
        ProfileVerifier.Result added = verifyEdited(shipped("tpu-v5e"), t -> entry(t, "bf16").put("achievedFlops", 1e14));
        assertTrue(added.mismatch().startsWith("precisions.bf16.achievedFlops: profile has 1.0E14"), added.mismatch());
    }

    @Test
    void editedStatusesFlagsAndNotesAreCaught() throws IOException {
        ProfileVerifier.Result status = verifyEdited(shipped("tpu-v5e"),
                t -> entry(t, "int8").put("status", FigureStatus.FITTED.text()));
        assertTrue(status.mismatch().startsWith("precisions.int8.status:"), status.mismatch());
        ProfileVerifier.Result check = verifyEdited(shipped("mi300x-192gb"),
                t -> entry(t, "tf32").put("nominalEstimated", false));
        assertTrue(check.mismatch().startsWith("precisions.tf32.nominalEstimated:"), check.mismatch());
        ProfileVerifier.Result notes = verifyEdited(shipped("mi300x-192gb"),
                t -> t.putArray("notes"));
        assertTrue(notes.mismatch().startsWith("notes:"), notes.mismatch());
    }

    @Test
    void aProfileOfAnotherIdOrModeIsRefused() throws IOException {
        ProfileVerifier.Result id = verifyEdited(shipped("h100-sxm-80gb"), t -> t.put("id", "h100-sxm-96gb"));
        assertTrue(id.mismatch().contains("h100-sxm-96gb is not a row of accelerators.csv"), id.mismatch());
        ProfileVerifier.Result mode = verifyEdited(shipped("h100-sxm-80gb"),
                t -> ((ObjectNode) t.path("provenance")).put("mode", "default"));
        assertTrue(mode.mismatch().startsWith("provenance.mode:"), mode.mismatch());
    }

    // ---- files --------------------------------------------------------------------------------------------------

    @Test
    void writeAllWritesEveryProfileWhereTheStoreFindsIt(@TempDir Path dir) throws IOException {
        ProfileStore store = new ProfileStore(dir);
        List<Path> files = AcceleratorProfiles.writeAll(store, CREATED);
        assertEquals(CATALOG.ids().stream().map(store::profileFile).toList(), files);
        assertEquals(CATALOG.ids().stream().sorted().toList(), store.ids());
        assertEquals(shipped("a100-sxm-80gb"), store.load("a100-sxm-80gb"));
        try (var listing = Files.list(store.profilesDir())) {
            assertEquals(CATALOG.ids().size(), listing.count(), "no temporary files left behind");
        }
    }

    @Test
    void verifyOfAFileDispatchesAcceleratorProfilesToTheCatalog(@TempDir Path dir) throws IOException {
        ProfileStore store = new ProfileStore(dir);
        for (Path file : AcceleratorProfiles.writeAll(store, CREATED)) {
            ProfileVerifier.Result r = ProfileVerifier.verify(file);
            assertTrue(r.ok(), file + ": " + r.mismatch());
        }
        Path a100 = store.profileFile("a100-sxm-80gb");
        ObjectNode tree = (ObjectNode) ProfileIO.MAPPER.readTree(a100.toFile());
        entry(tree, "bf16").put("utilization", 0.5);
        Files.writeString(a100, ProfileIO.MAPPER.writeValueAsString(tree));
        ProfileVerifier.Result r = ProfileVerifier.verify(a100);
        assertFalse(r.ok());
        assertTrue(r.mismatch().startsWith("precisions.bf16.utilization: profile has 0.5"), r.mismatch());
        assertNotNull(r.profile());
    }
}
