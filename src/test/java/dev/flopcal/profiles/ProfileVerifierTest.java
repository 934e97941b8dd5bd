package dev.flopcal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.core.Precision;

class ProfileVerifierTest {
    @TempDir
    Path dir;

    @Test
    void anUntouchedProfileReproducesFromItsRawResults() throws Exception {
        ProfileVerifier.Result r = ProfileVerifier.verify(Golden.write(dir));
        assertTrue(r.ok(), r.mismatch());
        assertTrue(r.checks().stream().anyMatch(c -> c.contains("SHA-256 matches")));
    }

    @Test
    void aProfileOfOneGemmPrecisionReproducesBothFmaCeilings() throws Exception {
        for (Precision p : List.of(Precision.FP32, Precision.FP64)) {
            Path file = Golden.writeOnly(dir.resolve(p.id()), p);
            Profile profile = ProfileIO.read(file);
            assertEquals(List.of(p.id()), List.copyOf(profile.precisions().keySet()));
            assertEquals(2, profile.ceilings().fma().size(), "the FMA probe measures fp32 and fp64 either way");
            ProfileVerifier.Result r = ProfileVerifier.verify(file);
            assertTrue(r.ok(), p + ": " + r.mismatch());
        }
    }

    @Test
    void aHandEditedNumberIsCaughtWithItsPath() throws Exception {
        Path file = Golden.write(dir);
        ObjectNode tree = (ObjectNode) ProfileIO.MAPPER.readTree(file.toFile());
        ObjectNode fp32 = (ObjectNode) tree.path("precisions").path("fp32");
        fp32.put("utilization", fp32.path("utilization").asDouble() * 1.02);
        Files.writeString(file, ProfileIO.MAPPER.writeValueAsString(tree));
        ProfileVerifier.Result r = ProfileVerifier.verify(file);
        assertFalse(r.ok());
        assertTrue(r.mismatch().startsWith("precisions.fp32.utilization: profile has"), r.mismatch());
    }

    @Test
    void aDeletedSampleIsCaught() throws Exception {
        Path file = Golden.write(dir);
        ObjectNode tree = (ObjectNode) ProfileIO.MAPPER.readTree(file.toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) tree.path("precisions").path("int8").path("samples")).remove(0);
        Files.writeString(file, ProfileIO.MAPPER.writeValueAsString(tree));
        ProfileVerifier.Result r = ProfileVerifier.verify(file);
        assertFalse(r.ok());
        assertTrue(r.mismatch().contains("precisions.int8"), r.mismatch());
    }

    @Test
    void alteredRawResultsFailTheChecksum() throws Exception {
        Path file = Golden.write(dir);
        Path raw = dir.resolve("raw/golden.jmh.json");
        Files.writeString(raw, Files.readString(raw).replaceFirst("\"score\" : ", "\"score\" : 1"));
        ProfileVerifier.Result r = ProfileVerifier.verify(file);
        assertFalse(r.ok());
        assertTrue(r.mismatch().contains("SHA-256"), r.mismatch());
    }

    @Test
    void missingRawResultsAreReported() throws Exception {
        Path file = Golden.write(dir);
        Files.delete(dir.resolve("raw/golden.jmh.json"));
        ProfileVerifier.Result r = ProfileVerifier.verify(file);
        assertFalse(r.ok());
        assertTrue(r.mismatch().contains("do not exist"), r.mismatch());
    }
}
