package dev.flopcal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.core.AtomicFiles;
import dev.flopcal.core.InvalidInputException;

class IdsAndFilesTest {
    @TempDir
    Path dir;

    @Test
    void idsThatCouldEscapeResultsAreRefused() {
        for (String bad : new String[] {"../x", "a/b", "a\\b", "..", "x..y", "", "Upper", "-lead", "a b"}) {
            assertThrows(InvalidInputException.class, () -> Ids.check(bad), bad);
        }
        assertTrue(assertThrows(InvalidInputException.class, () -> Ids.check("../etc")).getMessage().contains("escape"));
        assertEquals("h100-sxm-80gb", Ids.check("h100-sxm-80gb"));
    }

    @Test
    void calibrationIdsAreSlugsWithATimestamp() {
        assertEquals("intel-xeon-processor", Ids.slug("Intel(R) Xeon(R) Processor"));
        assertEquals("cpu-intel-emerald-rapids-2c-20261122t111852z",
                Ids.forCalibration("intel-emerald-rapids", 2, Instant.parse("2026-11-22T11:18:52Z")));
    }

    @Test
    void aNodeTasksIdNamesItsNodeAndJob() {
        String base = "cpu-amd-zen5-2c-20261207t213000z";
        assertEquals(base + "-node1-4711", Ids.forNodeTask(base, "node1", "4711"));
        assertEquals(base + "-gpu_a100.rack3-12_3", Ids.forNodeTask(base, "GPU_A100.rack3", "12_3"));
        String longNode = Ids.forNodeTask(base, "n".repeat(120), "4711");
        assertEquals(100, longNode.length(), "shortened to the longest id");
        assertTrue(longNode.endsWith("n-4711"), longNode);
        assertThrows(InvalidInputException.class, () -> Ids.forNodeTask(base, "--", "1"));
        assertThrows(InvalidInputException.class, () -> Ids.forNodeTask(base, "node1", "9".repeat(70)));
    }

    @Test
    void atomicWritesReplaceWholeFilesAndLeaveNoTemporaries() throws Exception {
        Path target = dir.resolve("sub/p.json");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second");
        assertEquals("second", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        assertTrue(Files.getPosixFilePermissions(target).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ));
    }
}
