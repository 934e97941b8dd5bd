package dev.flopcal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import dev.flopcal.reporting.Comparison;
import dev.flopcal.reporting.TestProfiles;

class CompareCommandTest {
    @TempDir
    Path dir;

    private Path profiles;

    /** Runs compare in-process, as it will run once registered under the root command. */
    private static Cli compare(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Main.configure(new CommandLine(new CompareCommand()), new PrintWriter(out), new PrintWriter(err))
                .execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    private Path results() throws IOException {
        profiles = dir.resolve("results/profiles");
        Files.createDirectories(profiles);
        TestProfiles.write(TestProfiles.cpu(), profiles);
        TestProfiles.write(TestProfiles.gpu(), profiles);
        TestProfiles.write(TestProfiles.tpu(), profiles);
        return dir.resolve("results");
    }

    private List<String> everyFile() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void printsTheTableOfEveryPublishedProfileAndWritesNothingByDefault() throws IOException {
        Path results = results();
        List<String> before = everyFile();
        Cli r = compare("--results", results.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        for (String id : List.of("cpu-test", "gpu-h100", "tpu-v5p")) {
            assertTrue(r.out().contains(id), r.out());
        }
        assertTrue(r.out().contains("40.0% ±4.5 pp"), r.out());
        assertEquals(before, everyFile());
    }

    @Test
    void writesChartsCsvAndLlmAnalysisConfigs() throws IOException {
        Path results = results();
        Path out = dir.resolve("charts"), csv = dir.resolve("exports/compare.csv"), llm = dir.resolve("llm");
        Cli r = compare("--results", results.toString(), "cpu-test", profiles.resolve("gpu-h100.json").toString(),
                "tpu-v5p", "--out", out.toString(), "--csv", csv.toString(), "--llm-analysis", llm.toString(),
                "--intra-node-bandwidth", "450", "--intra-node-latency", "8e-6", "--inter-node-bandwidth", "tpu-v5p=100");
        assertEquals(ExitCodes.OK, r.exit(), r.err());

        for (String chart : List.of("throughput-vs-size-cpu-test", "roofline-cpu-test", "achieved-vs-nominal")) {
            byte[] png = Files.readAllBytes(out.resolve(chart + ".png"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), chart);
            assertTrue(Files.readString(out.resolve(chart + ".svg")).contains("<svg"), chart);
            assertTrue(r.out().contains(out.resolve(chart + ".png").toString()), r.out());
        }

        List<CSVRecord> records = CSVParser.parse(Files.readString(csv), CSVFormat.RFC4180).getRecords();
        assertEquals(Comparison.CSV_HEADER, records.get(0).toList());
        assertEquals(7, records.size());

        ObjectMapper m = new ObjectMapper();
        JsonNode h100 = m.readTree(llm.resolve("gpu-h100.json").toFile());
        assertEquals(7, h100.size());
        assertEquals("989.4", h100.get("peak_fp16_TFLOPS").asText());
        JsonNode tpu = m.readTree(llm.resolve("tpu-v5p.json").toFile());
        assertEquals(100, tpu.get("inter_node_bandwidth_in_GB_per_sec").asInt());
        assertTrue(Files.readString(llm.resolve("gpu-h100.flops_efficiency.txt")).contains("--flops_efficiency 0.400"));
        assertTrue(r.out().contains("flops_efficiency 0.400 (95% interval 0.355 to 0.445"), r.out());
        assertFalse(Files.exists(llm.resolve("cpu-test.json")), "CPU profiles are not llm-analysis GPUs");
    }

    @Test
    void badInputExitsTwoNamingTheValueAndWritesNothing() throws IOException {
        Path results = results();
        List<String> before = everyFile();
        String[] outputs = {"--out", dir.resolve("charts").toString(), "--csv", dir.resolve("c.csv").toString()};

        Cli unknownProfile = compare(concat(new String[] {"--results", results.toString(), "cpu-test", "nope"}, outputs));
        assertEquals(ExitCodes.BAD_INPUT, unknownProfile.exit());
        assertTrue(unknownProfile.err().contains("'nope'"), unknownProfile.err());

        Cli unknownPrecision = compare(concat(new String[] {"--results", results.toString(), "--precisions", "fp32,fp99"}, outputs));
        assertEquals(ExitCodes.BAD_INPUT, unknownPrecision.exit());
        assertTrue(unknownPrecision.err().contains("'fp99'"), unknownPrecision.err());

        Cli absentPrecision = compare(concat(new String[] {"--results", results.toString(), "--precisions", "tf32"}, outputs));
        assertEquals(ExitCodes.BAD_INPUT, absentPrecision.exit());
        assertTrue(absentPrecision.err().contains("'tf32'"), absentPrecision.err());

        Cli missingFigure = compare(concat(new String[] {"--results", results.toString(), "--llm-analysis",
                dir.resolve("llm").toString(), "--intra-node-latency", "8e-6"}, outputs));
        assertEquals(ExitCodes.BAD_INPUT, missingFigure.exit());
        assertTrue(missingFigure.err().contains("intra_node_bandwidth_in_GB_per_sec"), missingFigure.err());

        Cli notANumber = compare("--results", results.toString(), "--llm-analysis", dir.resolve("llm").toString(),
                "--intra-node-bandwidth", "fast", "--intra-node-latency", "8e-6");
        assertEquals(ExitCodes.BAD_INPUT, notANumber.exit());
        assertTrue(notANumber.err().contains("'fast'"), notANumber.err());

        Cli twice = compare("--results", results.toString(), "cpu-test", profiles.resolve("cpu-test.json").toString());
        assertEquals(ExitCodes.BAD_INPUT, twice.exit());
        assertTrue(twice.err().contains("'cpu-test' is named twice"), twice.err());

        Cli none = compare("--results", dir.resolve("empty").toString());
        assertEquals(ExitCodes.BAD_INPUT, none.exit());
        assertTrue(none.err().contains("no profiles under"), none.err());

        assertEquals(before, everyFile(), "nothing written");
    }

    @Test
    void comparesAProfileFittedFromRealJmhResults() throws IOException {
        Path raw = dir.resolve("golden.jmh.json");
        try (var in = getClass().getResourceAsStream("/dev/flopcal/golden/default-2c.jmh.json")) {
            Files.copy(in, raw);
        }
        Cli fit = Cli.run("fit", raw.toString(), "--out", dir.resolve("results").toString(), "--id", "golden",
                "--device", "test machine", "--nominal", "fp32=2.944e11", "--nominal", "fp64=1.472e11");
        assertEquals(ExitCodes.OK, fit.exit(), fit.err());
        Cli r = compare("--results", dir.resolve("results").toString(), "golden", "--precisions", "fp64,fp32",
                "--out", dir.resolve("charts").toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("golden") && r.out().contains("147.2 GFLOP/s"), r.out());
        assertTrue(Files.size(dir.resolve("charts/throughput-vs-size-golden.png")) > 10_000);
        // without a host description the sweep has no cache sizes to split bandwidth into levels: no roofline
        assertFalse(Files.exists(dir.resolve("charts/roofline-golden.svg")));
        assertTrue(r.out().contains("note: golden: the profile has no roofline"), r.out());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void aFleetsDirectoryShowsItsNodesSideBySide() throws IOException {
        Path fleet = dir.resolve("fleet");
        double[] rates = {300e9, 302e9, 240e9};
        for (int i = 0; i < rates.length; i++) {
            TestProfiles.write(dev.flopcal.fleet.FakeScheduler.nodeProfile("node" + (i + 1), "7" + i, rates[i]),
                    Files.createDirectories(fleet.resolve("profiles")));
        }
        Cli r = compare(fleet.toString());
        assertEquals(0, r.exit(), r.err());
        String out = r.out().replaceAll(" +", " ");
        assertTrue(out.contains("Nodes side by side (3 profiles of a fleet's nodes):\nnode fp32 achieved [interval]"
                + " vs median\nnode1 300.0 GFLOP/s [297 G, 303 G] +0.0%\nnode2 302.0 GFLOP/s [299 G, 305 G] +0.7%\n"
                + "node3 240.0 GFLOP/s [238 G, 242 G] -20.0% SUSPECT\nfleet median 300.0 GFLOP/s [240 G, 302 G]"), out);
        assertEquals(List.of(), everyFile().stream().filter(f -> !f.startsWith("fleet/profiles/")).toList());

        // a single node's profile is compared as any profile, without the side-by-side table
        Cli one = compare(fleet.resolve("profiles/cpu-test-node1-70.json").toString());
        assertEquals(0, one.exit(), one.err());
        assertFalse(one.out().contains("side by side"), one.out());
    }
}
