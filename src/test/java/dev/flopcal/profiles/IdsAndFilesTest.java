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
