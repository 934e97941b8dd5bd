package dev.flopcal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.profiles.AcceleratorProfiles;
import dev.flopcal.profiles.ProfileStore;

class VerifyAcceleratorProfileCommandTest {
    @TempDir
    Path dir;

    @Test
    void verifyRebuildsAnAcceleratorProfileFromTheCatalogAndPublishedRuns() throws Exception {
        ProfileStore store = new ProfileStore(dir);
        AcceleratorProfiles.writeAll(store, "2026-01-05T10:00:00Z");
        Path h100 = store.profileFile("h100-sxm-80gb");
        Cli ok = Cli.run("verify", h100.toString());
        assertEquals(ExitCodes.OK, ok.exit(), ok.err());
        assertTrue(ok.out().contains("a row of accelerators.csv") && ok.out().contains("verified"), ok.out());

        Files.writeString(h100, Files.readString(h100).replaceFirst("9\\.894E14", "9.9E14"));
        Cli bad = Cli.run("verify", h100.toString());
        assertEquals(ExitCodes.FAILURE, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.err().contains("precisions.bf16.nominalFlops: profile has 9.9E14"), bad.err());
    }
}
