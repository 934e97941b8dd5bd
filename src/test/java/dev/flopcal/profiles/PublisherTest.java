package dev.flopcal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Sha256;
import dev.flopcal.reporting.ResultsIndex;

class PublisherTest {
    @TempDir
    Path dir;

    private Publisher publisher(Path results) {
        return new Publisher(new ProfileStore(results), ResultsIndex.writer(List.of()));
    }

    @Test
    void publishingPlacesProfileAndRawResultsAndIndexesThem() throws Exception {
        Path source = Golden.write(dir.resolve("scratch"));
        Path results = dir.resolve("results");
        Publisher.Result r = publisher(results).publish(source, "golden-2c", false);
        assertEquals(results.resolve("profiles/golden-2c.json"), r.profileFile());
        assertTrue(Files.exists(results.resolve("raw/golden-2c.jmh.json")));
        assertTrue(ProfileVerifier.verify(r.profileFile()).ok());
        assertEquals("golden-2c", ProfileIO.read(r.profileFile()).id());
        String index = Files.readString(results.resolve("README.md"));
        assertTrue(index.contains("[golden-2c](profiles/golden-2c.json)"), index);
        assertTrue(index.contains("![roofline](charts/roofline-golden-2c.png)"), index);
        assertTrue(Files.size(results.resolve("charts/roofline-golden-2c.png")) > 1000);
        assertTrue(Files.exists(results.resolve("charts/achieved-vs-nominal.svg")));
        // republishing the same measurement is idempotent
        assertTrue(publisher(results).publish(source, "golden-2c", false).replaced());
    }

    @Test
    void aTamperedProfileIsRefusedWithTheReasonAndNothingIsPlaced() throws Exception {
        Path source = Golden.write(dir.resolve("scratch"));
        ObjectNode tree = (ObjectNode) ProfileIO.MAPPER.readTree(source.toFile());
        ((ObjectNode) tree.path("precisions").path("fp16")).put("achievedFlops", 1.0e12);
        Files.writeString(source, ProfileIO.MAPPER.writeValueAsString(tree));
        Path results = dir.resolve("results");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> publisher(results).publish(source, null, false));
        assertTrue(e.getMessage().contains("precisions.fp16.achievedFlops"), e.getMessage());
        assertTrue(Files.notExists(results.resolve("profiles")));
    }

    @Test
    void idsThatWouldEscapeResultsAreRefused() throws Exception {
        Path source = Golden.write(dir.resolve("scratch"));
        for (String bad : List.of("../outside", "a/b", "..")) {
            assertThrows(InvalidInputException.class, () -> publisher(dir.resolve("results")).publish(source, bad, false), bad);
        }
        assertTrue(Files.notExists(dir.resolve("outside.json")));
    }

    @Test
    void aDifferentProfileUnderATakenIdNeedsReplace() throws Exception {
        Path results = dir.resolve("results");
        publisher(results).publish(Golden.write(dir.resolve("a")), "taken", false);
        Path other = Golden.write(dir.resolve("b"));
        Path raw = dir.resolve("b/raw/golden.jmh.json");
        Files.writeString(raw, Files.readString(raw) + "\n");
        ObjectNode tree = (ObjectNode) ProfileIO.MAPPER.readTree(other.toFile());
        ((ObjectNode) tree.path("provenance")).put("rawResultsSha256", Sha256.hex(Files.readAllBytes(raw)));
        Files.writeString(other, ProfileIO.MAPPER.writeValueAsString(tree));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> publisher(results).publish(other, "taken", false));
        assertTrue(e.getMessage().contains("already published as 'taken'"), e.getMessage());
        assertTrue(publisher(results).publish(other, "taken", true).replaced());
    }

    @Test
    void concurrentPublishesNeverCorruptTheIndexOrAProfile() throws Exception {
        Path source = Golden.write(dir.resolve("scratch"));
        Path results = dir.resolve("results");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Publisher.Result>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = "concurrent-" + i;
            futures.add(pool.submit(() -> publisher(results).publish(source, id, false)));
        }
        for (Future<Publisher.Result> f : futures) {
            f.get();
        }
        pool.shutdown();
        String index = Files.readString(results.resolve("README.md"));
        for (int i = 0; i < 8; i++) {
            assertTrue(index.contains("[concurrent-" + i + "]"), "index lists concurrent-" + i);
            assertTrue(ProfileVerifier.verify(results.resolve("profiles/concurrent-" + i + ".json")).ok());
        }
        try (var files = Files.list(results.resolve("profiles"))) {
            assertEquals(8, files.count(), "no temporary files left");
        }
    }
}
