package dev.flopcal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.flopcal.measurement.ForeignJmh;

/**
 * {@code fit} on another project's JMH results: the published results of ojAlgo's linear-algebra benchmark
 * (src/test/resources/dev/flopcal/golden/ojalgo-fill-by-multiplying.NOTICE.md says where from), and small files in
 * every JMH unit written by the tests. Expected rates are computed by hand from the scores.
 */
class ForeignFitCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LIBS = List.of("ACM", "EJML", "ojAlgo", "MTJ");

    @TempDir
    Path dir;

    /** The ojAlgo results under the name a user would have: jmh-result.json. */
    private Path ojalgo() throws IOException {
        Path file = dir.resolve("downloads/jmh-result.json");
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        try (var in = getClass().getResourceAsStream("/dev/flopcal/golden/ojalgo-fill-by-multiplying.jmh.json")) {
            Files.copy(in, file);
        }
        return file;
    }

    private Cli fitOjalgo(String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("fit", ojalgo().toString(), "--out", dir.resolve("out").toString(),
                "--id", "ojlab", "--device", "MacBook Pro (ojAlgo's)"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private JsonNode profile(String id) throws IOException {
        return JSON.readTree(dir.resolve("out/profiles/" + id + ".json").toFile());
    }

    /** A sample's rate at size n. */
    private static JsonNode sample(JsonNode profile, int n) {
        for (JsonNode s : profile.path("precisions").path("fp64").path("samples")) {
            if (s.path("n").asInt() == n) {
                return s;
            }
        }
        throw new AssertionError("no sample at n=" + n + " in " + profile.path("id"));
    }

    @Test
    void ojAlgoResultsFitIntoOneProfilePerLibraryWithRatesComputedFromOpsPerMinute() throws IOException {
        Cli fit = fitOjalgo("--size-param", "dim", "--series-param", "lib", "--precision", "fp64");
        assertEquals(0, fit.exit(), fit.err());
        for (String lib : LIBS) {
            String id = "ojlab-" + lib.toLowerCase();
            assertTrue(fit.out().contains("Profile:     " + dir.resolve("out/profiles/" + id + ".json")), fit.out());
            assertTrue(Files.exists(dir.resolve("out/raw/" + id + ".jmh.json")), id);
            JsonNode p = profile(id);
            JsonNode fp64 = p.path("precisions").path("fp64");
            assertEquals("lib=" + lib + ": FillByMultiplying.execute", fp64.path("path").asText());
            assertEquals(7, fp64.path("samples").size(), "dim 100, 150, 200, 350, 500, 750 and 1000");
            assertTrue(fp64.path("fits").path("sizeCurves").size() >= 1, "a size curve");
            JsonNode mapping = p.path("provenance").path("plan").path("mapping");
            assertEquals("dim", mapping.path("sizeParam").asText());
            assertEquals("lib", mapping.path("seriesParam").asText());
            assertEquals(lib, mapping.path("series").asText());
            assertEquals("fp64", mapping.path("precision").asText());
            assertEquals("2*n^3", mapping.path("flopsPerOp").asText());
            assertEquals("[\"ops/min\"]", mapping.path("scoreUnits").toString());
            assertEquals("MacBook Pro (ojAlgo's)", p.path("device").path("name").asText());
        }
        assertEquals(4, Files.list(dir.resolve("out/profiles")).count(), "one profile per library, nothing else");

        // by hand: ops/min ÷ 60 × 2·dim³ FLOP, of the median of a result's iterations (one JVM: ojAlgo's file has
        // one fork per result)
        // ACM, dim 100: iterations 52151.56, 51976.33, 52390.17 ops/min; median 52151.56022277296 ops/min
        // = 869.19 ops/s × 2e6 = 1.7384e9 FLOP/s
        JsonNode acm100 = sample(profile("ojlab-acm"), 100);
        assertEquals(52151.56022277296 / 60 * 2e6, acm100.path("flops").asDouble(), 1e-3);
        assertEquals(1.7383853407590988e9, acm100.path("flops").asDouble(), 1);
        assertTrue(acm100.path("error").asDouble() > 0);
        assertEquals(1, acm100.path("threads").asInt());
        assertEquals(1, acm100.path("jvms").asInt());
        // MTJ, dim 1000: median of 2345.09, 2410.97, 2424.25 ops/min = 2410.966238399904 × 2e9 / 60 = 8.037e10 FLOP/s
        assertEquals(2410.966238399904 / 60 * 2e9, sample(profile("ojlab-mtj"), 1000).path("flops").asDouble(), 10);
        // ojAlgo, dim 350: median 5126.521473966962 ops/min × 2·350³ / 60 = 7.326e9 FLOP/s
        assertEquals(5126.521473966962 / 60 * 2 * 350.0 * 350 * 350,
                sample(profile("ojlab-ojalgo"), 350).path("flops").asDouble(), 1e-3);
    }


    @Test
    void theFittedProfilesVerifyAndATamperedMappingDoesNot() throws IOException {
        assertEquals(0, fitOjalgo("--size-param", "dim", "--series-param", "lib", "--precision", "fp64").exit());
        for (String lib : LIBS) {
            Cli verify = Cli.run("verify", dir.resolve("out/profiles/ojlab-" + lib.toLowerCase() + ".json").toString());
            assertEquals(0, verify.exit(), verify.err());
            assertTrue(verify.out().contains("mapping re-applied: lib=" + lib + ", size from dim, 2*n^3 FLOP per"
                    + " operation, fp64"), verify.out());
        }
        Path ejml = dir.resolve("out/profiles/ojlab-ejml.json");
        ObjectNode tree = (ObjectNode) JSON.readTree(ejml.toFile());
        ((ObjectNode) tree.path("provenance").path("plan").path("mapping")).put("flopsPerOp", "n^3");
        Files.writeString(ejml, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        Cli flops = Cli.run("verify", ejml.toString());
        assertEquals(ExitCodes.FAILURE, flops.exit());
        assertTrue(flops.err().contains("precisions.fp64.") && flops.err().contains("raw results give"), flops.err());

        ((ObjectNode) tree.path("provenance").path("plan").path("mapping")).put("flopsPerOp", "2*n^3")
                .put("series", "ACM");
        Files.writeString(ejml, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        Cli series = Cli.run("verify", ejml.toString());
        assertEquals(ExitCodes.FAILURE, series.exit(), "the EJML profile re-fitted from the ACM results");
        assertTrue(series.err().contains("precisions.fp64"), series.err());
    }

    @Test
    void compareDrawsTheLibrariesSideBySide() throws IOException {
        assertEquals(0, fitOjalgo("--size-param", "dim", "--series-param", "lib", "--precision", "fp64").exit());
        Path charts = dir.resolve("charts");
        Cli compare = Cli.run("compare", "ojlab-acm", "ojlab-ejml", "ojlab-ojalgo", "ojlab-mtj", "--results",
                dir.resolve("out").toString(), "--out", charts.toString());
        assertEquals(0, compare.exit(), compare.err());
        for (String lib : LIBS) {
            assertTrue(compare.out().contains("ojlab-" + lib.toLowerCase()), compare.out());
        }
        assertTrue(Files.exists(charts.resolve("throughput-vs-size-fp64-by-profile.png")), compare.out());
        assertTrue(Files.exists(charts.resolve("throughput-vs-size-fp64-by-profile.svg")));
        assertTrue(Files.exists(charts.resolve("achieved-vs-nominal.svg")));
    }

    @Test
    void aParameterTheFileLacksExitsTwoNamingTheUsersFileAndWritesNothing() throws IOException {
        Path file = ojalgo();
        Cli size = fitOjalgo("--series-param", "lib", "--precision", "fp64");
        assertEquals(ExitCodes.BAD_INPUT, size.exit());
        assertTrue(size.err().contains(file + ": result #1 (FillByMultiplying.execute [dim=100, lib=ACM]) has no"
                + " parameter 'size'"), size.err());
        assertTrue(size.err().contains("--size-param"), size.err());
        assertFalse(size.err().contains("raw/"), "names the user's file, not the copy it would make");

        Cli series = fitOjalgo("--size-param", "dim", "--series-param", "library", "--precision", "fp64");
        assertEquals(ExitCodes.BAD_INPUT, series.exit());
        assertTrue(series.err().contains(file + ": result #1") && series.err().contains("'library'"), series.err());

        Cli precision = fitOjalgo("--size-param", "dim", "--series-param", "lib");
        assertEquals(ExitCodes.BAD_INPUT, precision.exit());
        assertTrue(precision.err().contains("no parameter 'precision'") && precision.err().contains("--precision"),
                precision.err());

        Cli mixed = fitOjalgo("--size-param", "dim", "--precision", "fp64");
        assertEquals(ExitCodes.BAD_INPUT, mixed.exit());
        assertTrue(mixed.err().contains("differ in lib") && mixed.err().contains("--series-param lib"), mixed.err());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
    }

    @Test
    void anExpressionThatDoesNotParseExitsTwoAndWritesNothing() throws IOException {
        for (String bad : List.of("2*n^", "2*x^3", "(2*m*n*k")) {
            Cli fit = fitOjalgo("--size-param", "dim", "--series-param", "lib", "--precision", "fp64",
                    "--flops-per-op", bad);
            assertEquals(ExitCodes.BAD_INPUT, fit.exit(), bad);
            assertTrue(fit.err().contains("--flops-per-op '" + bad + "'"), fit.err());
        }
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
    }

    @Test
    void aUnitThatDoesNotConvertExitsTwoNamingItAndTheFile() throws IOException {
        Path file = dir.resolve("odd-units.json");
        Files.writeString(file, ForeignJmh.json("ops/fortnight", List.of(result(100, 5, 0.1), result(200, 2, 0.1))));
        Cli fit = Cli.run("fit", file.toString(), "--out", dir.resolve("out").toString(), "--precision", "fp32");
        assertEquals(ExitCodes.BAD_INPUT, fit.exit());
        assertTrue(fit.err().contains(file + ": result #1") && fit.err().contains("score unit 'ops/fortnight'"),
                fit.err());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
    }

    @Test
    void anEmptyResultFileIsRefusedNamingTheUsersFile() throws IOException {
        Path file = dir.resolve("empty.json");
        Files.writeString(file, "[]");
        Cli fit = Cli.run("fit", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.BAD_INPUT, fit.exit());
        assertTrue(fit.err().contains(file + ": no GEMM, FMA or bandwidth results"), fit.err());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
    }

    private static ForeignJmh.Result result(int size, double score, double relativeError) {
        double e = score * relativeError;
        return new ForeignJmh.Result(Map.of("size", Integer.toString(size)), score, e, score - e / 2, score, score + e / 2);
    }

    /**
     * One file per JMH unit, each score meaning 10 operations per second at size 100 (2e6 FLOP each, so 2e7 FLOP/s)
     * and 1.25 operations per second at size 200 (1.6e7 FLOP each, so 2e7 FLOP/s), each with a 10% error; fitted
     * with the defaults (size parameter 'size', 2*n^3) and --precision, then verified.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ops/s, 10, 1.25", "ops/ms, 0.01, 0.00125", "ops/us, 1e-5, 1.25e-6", "ops/min, 600, 75",
            "s/op, 0.1, 0.8", "ms/op, 100, 800", "us/op, 1e5, 8e5", "ns/op, 1e8, 8e8"})
    void everyJmhUnitFitsToTheSameFlopRate(String unit, double at100, double at200) throws IOException {
        Path file = dir.resolve("bench.json");
        Files.writeString(file, ForeignJmh.json(unit, List.of(result(100, at100, 0.1), result(200, at200, 0.1))));
        Cli fit = Cli.run("fit", file.toString(), "--out", dir.resolve("out").toString(), "--id", "units",
                "--precision", "fp32");
        assertEquals(0, fit.exit(), fit.err());
        JsonNode samples = profile("units").path("precisions").path("fp32").path("samples");
        assertEquals(2, samples.size());
        // each result's iterations are (score - e/2, score, score + e/2): their median is the score, whatever the unit
        // (GemmMappingTest and ScoreUnitTest check that JMH's error converts with its relative size)
        for (JsonNode s : samples) {
            assertEquals(2e7, s.path("flops").asDouble(), 1e-3, unit + " n=" + s.path("n"));
        }
        assertEquals("[\"" + unit + "\"]", profile("units").path("provenance").path("plan").path("mapping")
                .path("scoreUnits").toString());
        Cli verify = Cli.run("verify", dir.resolve("out/profiles/units.json").toString());
        assertEquals(0, verify.exit(), verify.err());
    }
}
