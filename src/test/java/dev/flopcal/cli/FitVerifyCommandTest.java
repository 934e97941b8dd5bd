package dev.flopcal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitVerifyCommandTest {
    @TempDir
    Path dir;

    private Path golden() throws Exception {
        Path raw = dir.resolve("in/golden.jmh.json");
        Files.createDirectories(raw.getParent());
        try (var in = getClass().getResourceAsStream("/dev/flopcal/golden/default-2c.jmh.json")) {
            Files.copy(in, raw);
        }
        return raw;
    }

    @Test
    void fitWritesAProfileThatVerifies() throws Exception {
        Cli fit = Cli.run("fit", golden().toString(), "--out", dir.resolve("out").toString(), "--id", "golden-fit",
                "--device", "test machine", "--nominal", "fp32=2.944e11");
        assertEquals(0, fit.exit(), fit.err());
        assertTrue(fit.out().contains("golden-fit"), fit.out());
        Path profile = dir.resolve("out/profiles/golden-fit.json");
        assertTrue(Files.exists(profile));
        assertTrue(Files.exists(dir.resolve("out/raw/golden-fit.jmh.json")));

        Cli ok = Cli.run("verify", profile.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("verified"));

        ObjectMapper m = new ObjectMapper();
        ObjectNode tree = (ObjectNode) m.readTree(profile.toFile());
        assertEquals("1.37", tree.path("provenance").path("jmh").asText(), "the raw results' JMH version");
        String original = Files.readString(profile);
        ((ObjectNode) tree.path("provenance")).put("jmh", "0.1.0-SNAPSHOT");
        Files.writeString(profile, m.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        Cli wrongJmh = Cli.run("verify", profile.toString());
        assertEquals(ExitCodes.FAILURE, wrongJmh.exit());
        assertTrue(wrongJmh.err().contains("provenance.jmh: profile has 0.1.0-SNAPSHOT, raw results were run by JMH 1.37"),
                wrongJmh.err());

        Files.writeString(profile, original);
        tree = (ObjectNode) m.readTree(profile.toFile());
        ((ObjectNode) tree.path("precisions").path("fp64")).put("achievedFlops", 9.9e10);
        Files.writeString(profile, m.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        Cli bad = Cli.run("verify", profile.toString());
        assertEquals(ExitCodes.FAILURE, bad.exit());
        assertTrue(bad.err().contains("precisions.fp64.achievedFlops"), bad.err());
    }

    @Test
    void unreadableInputExitsTwoNamingTheFile() throws Exception {
        Cli missing = Cli.run("verify", dir.resolve("nope.json").toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.exit());
        assertTrue(missing.err().contains("nope.json does not exist"), missing.err());

        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "{\"schemaVersion\": 1,\n \"id\": ");
        Cli malformed = Cli.run("fit", junk.toString(), "--out", dir.resolve("o").toString());
        assertEquals(ExitCodes.BAD_INPUT, malformed.exit());
        assertTrue(malformed.err().contains("junk.json:2:"), malformed.err());
        assertTrue(Files.notExists(dir.resolve("o")), "nothing written");

        Cli badId = Cli.run("fit", golden().toString(), "--out", dir.resolve("o").toString(), "--id", "../escape");
        assertEquals(ExitCodes.BAD_INPUT, badId.exit());
        assertTrue(badId.err().contains("'../escape'"), badId.err());
    }
}
