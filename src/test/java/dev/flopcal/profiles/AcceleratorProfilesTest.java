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
import dev.flopcal.runs.UtilizationPrediction;

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
    void a100Bf16IsTheInRunMfuPredictedFromTheRunsOnItsChip() {
        Profile a100 = shipped("a100-sxm-80gb");
        PrecisionProfile bf16 = a100.precisions().get("bf16");
        assertEquals(FigureStatus.FITTED, bf16.status());
        UtilizationPrediction p = FIT.predict("a100-sxm-80gb");
        assertEquals(p.centre(), bf16.utilization(), 0);
        assertEquals(p.centre() * 312e12, bf16.achievedFlops(), 1);
        double low = p.quantile(0.025);
        double high = p.quantile(0.975);
        assertEquals((high - low) / 2, bf16.utilizationError(), 1e-12);
        assertEquals((high - low) / 2 * 312e12, bf16.achievedError(), 1e-3);
        Quantity ofNominal = bf16.fits().utilization().ofNominal();
        assertNull(ofNominal.standardError(), "the model is in logs: no symmetric standard error");
        assertEquals(List.of(low, high), ofNominal.ci95());
        // the chip's runs, 40 GB and 80 GB: MT-NLG and MegaScale state an MFU, six state device-hours
        assertEquals(8, bf16.publishedRuns().size());
        for (String model : List.of("MT-NLG 530B", "BLOOM 176B", "Llama 2 7B", "MPT-7B", "Falcon-180B", "MegaScale 175B")) {
            assertTrue(bf16.publishedRuns().stream().anyMatch(r -> r.startsWith(model + " (") && r.contains("source: ")),
                    model + " in " + bf16.publishedRuns());
        }
        assertTrue(a100.notes().stream().anyMatch(n -> n.contains("OPT-175B") && n.contains("kept apart")),
                a100.notes().toString());
        assertTrue(a100.notes().stream().anyMatch(n -> n.contains("inferred")), a100.notes().toString());
        // the same chip: the 40 GB profile carries the same figure
        assertEquals(bf16.utilization(), shipped("a100-sxm-40gb").precisions().get("bf16").utilization(), 0);
        for (String other : List.of("fp64", "fp32", "tf32", "fp16", "int8")) {
            PrecisionProfile e = a100.precisions().get(other);
            assertEquals(FigureStatus.NOMINAL_ONLY, e.status(), other);
            assertNull(e.achievedFlops(), other);
            assertNull(e.utilization(), other);
            assertNull(e.publishedRuns(), other);
        }
    }

    @Test
    void hardwareWithoutRunsOnItsChipIsNominalOnlyEverywhere() {
        for (String id : List.of("tpu-v5e", "b200-sxm-180gb")) {
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
    void runsThatStateOnlyDeviceHoursGiveTheirChipAFigure() {
        // DeepSeek-V3 states device-hours on H800; Llama 3.1 8B and 70B on H100, whose chip H200 shares
        for (String id : List.of("h800-sxm-80gb", "h100-sxm-80gb", "h200-sxm-141gb")) {
            PrecisionProfile bf16 = shipped(id).precisions().get("bf16");
            assertEquals(FigureStatus.FITTED, bf16.status(), id);
            assertEquals(FIT.predict(id).centre(), bf16.utilization(), 0, id);
        }
        assertTrue(shipped("h800-sxm-80gb").notes().stream().anyMatch(n -> n.contains("DeepSeek-V3")
                && n.contains("inferred")), shipped("h800-sxm-80gb").notes().toString());
    }

    @Test
    void aChipWithOneRunIsPulledTowardAllRuns() {
        Profile v4 = shipped("tpu-v4");
        PrecisionProfile bf16 = v4.precisions().get("bf16");
        assertEquals(FigureStatus.FITTED, bf16.status());
        assertEquals(1, bf16.publishedRuns().size());
        // PaLM's MFU 0.462, shrunk toward the mean of all runs (below it)
        assertTrue(bf16.utilization() < 0.462 && bf16.utilization() > FIT.predict("tpu-v5e").centre(),
                String.valueOf(bf16.utilization()));
        assertNotNull(bf16.utilizationError());
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
        PublishedRunFit fit = new PublishedRunFitter(catalog).fit(List.of(run(1, "gpu-a", 0.2, Double.NaN),
                run(2, "gpu-a", Double.NaN, 50), run(3, "gpu-a", 0.8, Double.NaN), run(4, "gpu-f", 0.32, Double.NaN),
                run(5, "gpu-f", 0.5, Double.NaN)));
        PrecisionProfile a = AcceleratorProfiles.build(catalog.get("gpu-a"), fit, CREATED).precisions().get("bf16");
        // MFU 0.2 and 0.8 on gpu-a, 0.32 and 0.5 on gpu-f: both geometric means 0.4, so no chip-to-chip variance and
        // every centre is 0.4. Within-chip variance of the logs s² = (2 ln² 2 + 2 ln² 1.25) / 2 on 2 degrees of
        // freedom; a new run's log sd = s · √(1 + 1/4); 95% interval 0.4 · exp(±t(0.975, 2) · sd), t = 4.302653.
        double s2 = (2 * Math.pow(Math.log(2), 2) + 2 * Math.pow(Math.log(1.25), 2)) / 2;
        double sd = Math.sqrt(s2 * 1.25);
        double low = 0.4 * Math.exp(-4.302652729911275 * sd);
        double high = 0.4 * Math.exp(4.302652729911275 * sd);
        assertEquals(0.4, a.utilization(), 1e-12);
        assertEquals(40e12, a.achievedFlops(), 1e-2);
        // commons-math's t quantile agrees with the tabulated one to about 1e-10
        assertEquals((high - low) / 2, a.utilizationError(), 1e-8);
        assertEquals(low, a.fits().utilization().ofNominal().ci95().get(0), 1e-8);
        assertEquals(high, a.fits().utilization().ofNominal().ci95().get(1), 1e-8);
        assertEquals(2, a.publishedRuns().size(), "run 2 states TFLOP/s per device (HFU): kept apart");
        assertTrue(a.publishedRuns().get(0).contains("in-run MFU 0.200 (stated MFU)"), a.publishedRuns().get(0));
        assertEquals(List.of("paper 1", "paper 3"), AcceleratorProfiles.build(catalog.get("gpu-a"), fit, CREATED)
                .provenance().sources().subList(2, 4));

        // no bf16 peak: the fp16 peak is the training precision
        Profile f = AcceleratorProfiles.build(catalog.get("gpu-f"), fit, CREATED);
        assertEquals(FigureStatus.FITTED, f.precisions().get("fp16").status());
        assertEquals(0.4 * 50e12, f.precisions().get("fp16").achievedFlops(), 1e-2);
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
