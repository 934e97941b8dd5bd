package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.profiles.Profile;

class ResultsIndexTest {

    /** A profile of the calibration's fp64 only, as `./calibrate --precisions fp64` writes it. */
    private static Profile fp64Only() {
        Profile cpu = TestProfiles.cpu();
        var precisions = new LinkedHashMap<>(cpu.precisions());
        precisions.keySet().retainAll(List.of("fp64"));
        return new Profile(cpu.schemaVersion(), cpu.id(), cpu.device(), precisions, cpu.ceilings(), cpu.roofline(),
                cpu.nativeBlas(), cpu.notes(), cpu.provenance());
    }

    @Test
    void anIndexOfProfilesWithoutTheChartsPrecisionsIsWrittenWithoutThatChart(@TempDir Path dir) throws Exception {
        Path readme = ResultsIndex.writer(List.of()).write(List.of(fp64Only()), dir);
        String text = Files.readString(readme);
        assertTrue(text.contains(fp64Only().id()), text);
        assertFalse(text.contains("## Achieved against nominal"), text);
    }

    @Test
    void theCrossDeviceChartNamesThePrecisionsItDraws(@TempDir Path dir) throws Exception {
        String text = Files.readString(ResultsIndex.writer(List.of()).write(List.of(TestProfiles.gpu()), dir));
        assertTrue(text.contains("![achieved vs nominal, "), text);
        assertTrue(Files.exists(dir.resolve("charts").resolve(AchievedVsNominalChart.BASE_NAME + ".png")));
    }
}
