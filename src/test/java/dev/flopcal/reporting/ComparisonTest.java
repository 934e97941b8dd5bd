package dev.flopcal.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;

class ComparisonTest {
    private final List<Profile> profiles = List.of(TestProfiles.cpu(), TestProfiles.gpu(), TestProfiles.tpu());

    @Test
    void fixturesAreSchemaValidProfiles() {
        profiles.forEach(p -> assertTrue(ProfileIO.toJson(p).contains(p.id())));
    }

    @Test
    void oneRowPerProfileAndPrecisionWithTheProfilesFigures() {
        Comparison c = Comparison.of(profiles);
        assertEquals(2 + 3 + 1, c.rows().size());
        assertEquals(List.of("cpu-test/fp64", "cpu-test/fp32", "gpu-h100/bf16", "gpu-h100/fp16", "gpu-h100/int8",
                "tpu-v5p/bf16"), c.rows().stream().map(r -> r.profileId() + "/" + r.precision()).toList());

        Comparison.Row fp64 = c.rows().get(0);
        PrecisionProfile pp = TestProfiles.cpu().precisions().get("fp64");
        assertEquals(pp.nominalFlops(), fp64.nominal());
        assertEquals(pp.achievedFlops(), fp64.achieved());
        assertEquals(pp.achievedError(), fp64.achievedError());
        assertEquals(pp.utilization(), fp64.utilization());
        assertEquals(0.999, fp64.errorConfidence());
        assertEquals(1024, fp64.measuredAt().n());
        assertEquals(2, fp64.measuredAt().threads());
        assertEquals("cpu", fp64.kind());

        Comparison.Row bf16 = c.rows().get(2);
        assertEquals(0.4, bf16.utilization());
        assertEquals(0.95, bf16.errorConfidence());
        assertEquals(4, bf16.publishedRuns());
        assertFalse(bf16.nominalOnly());

        Comparison.Row tpu = c.rows().get(5);
        assertTrue(tpu.nominalOnly());
        assertNull(tpu.achieved());
        assertNull(tpu.errorConfidence());
        assertEquals(459e12, tpu.nominal());
    }

    @Test
    void precisionFilterKeepsOnlyThoseAndNamesOneNoProfileHas() {
        Comparison bf16 = Comparison.of(profiles, List.of(Precision.BF16));
        assertEquals(List.of("gpu-h100", "tpu-v5p"), bf16.rows().stream().map(Comparison.Row::profileId).toList());
        var e = assertThrows(InvalidInputException.class, () -> Comparison.of(profiles, List.of(Precision.TF32)));
        assertTrue(e.getMessage().contains("'tf32'"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Comparison.of(List.of()));
    }

    @Test
    void csvParsesBackWithQuotedFieldsAndPlainNumbers() {
        Comparison c = Comparison.of(profiles);
        String csv = c.csv();
        assertTrue(csv.endsWith("\r\n"), "the last record ends with CRLF");
        assertFalse(csv.replace("\r\n", "").contains("\n") || csv.replace("\r\n", "").contains("\r"),
                "every line break is CRLF");
        List<List<String>> records = parse(csv);
        assertEquals(Comparison.CSV_HEADER, records.get(0));
        assertEquals(c.rows().size() + 1, records.size());
        for (List<String> r : records) {
            assertEquals(Comparison.CSV_HEADER.size(), r.size());
        }
        List<String> fp64 = records.get(1);
        assertEquals(TestProfiles.CPU_NAME, fp64.get(Comparison.CSV_HEADER.indexOf("device")));
        assertEquals(TestProfiles.CPU_BASIS, fp64.get(Comparison.CSV_HEADER.indexOf("nominal_basis")));
        assertTrue(csv.contains("\"Test CPU, 2 cores\""), "a field with a comma is quoted");
        assertTrue(csv.contains("(\"\"2 × 512-bit FMA\"\", inferred)"), "quotes are doubled");
        PrecisionProfile pp = TestProfiles.cpu().precisions().get("fp64");
        assertEquals(pp.achievedFlops(), Double.parseDouble(fp64.get(Comparison.CSV_HEADER.indexOf("achieved_flops_per_s"))));
        assertEquals(pp.utilization(), Double.parseDouble(fp64.get(Comparison.CSV_HEADER.indexOf("utilization"))));
        assertEquals("FLOP/s", fp64.get(Comparison.CSV_HEADER.indexOf("rate_unit")));

        List<String> int8 = records.get(5);
        assertEquals("op/s", int8.get(Comparison.CSV_HEADER.indexOf("rate_unit")));
        assertEquals("", int8.get(Comparison.CSV_HEADER.indexOf("achieved_flops_per_s")), "unknown is empty");
        assertEquals("nominal only", int8.get(Comparison.CSV_HEADER.indexOf("status")));
        assertEquals(1978.9e12, Double.parseDouble(int8.get(Comparison.CSV_HEADER.indexOf("nominal_flops_per_s"))));
        assertFalse(csv.contains("TFLOP"), "no SI-formatted numbers");
    }

    @Test
    void textTableUsesSiRatesAndSaysWhatIsNominalOnly() {
        String text = Comparison.of(profiles).text();
        assertTrue(text.contains("989.4 TFLOP/s"), text);
        assertTrue(text.contains("1.979 Pop/s"), text);
        assertTrue(text.contains("40.0% ±4.5 pp"), text);
        assertTrue(text.contains("4 published runs"), text);
        assertTrue(text.contains("n=1024, 2 threads"), text);
        assertTrue(text.contains("147.2 GFLOP/s *"), "inferred nominal is marked: " + text);
        assertTrue(text.contains("99.9%") && text.contains("95%"), text);
        long nominalOnly = text.lines().filter(l -> l.contains("nominal only")).count();
        assertEquals(3, nominalOnly, text);
    }

    @Test
    void csvStartsWithTheHeaderAndQuotesOnlyWhereNeeded() {
        String csv = Comparison.of(profiles).csv();
        assertTrue(csv.startsWith(String.join(",", Comparison.CSV_HEADER) + "\r\n"
                + "cpu-test,\"Test CPU, 2 cores\",cpu,fp64,FLOP/s,"), csv);
    }

    @Test
    void rfc4180FieldQuoting() {
        assertEquals("plain", Comparison.CSV.format("plain"));
        assertEquals("\"a,b\"", Comparison.CSV.format("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Comparison.CSV.format("say \"hi\""));
        assertEquals("\"two\nlines\"", Comparison.CSV.format("two\nlines"));
        assertEquals("", Comparison.CSV.format((Object) null));
    }

    /** Beyond RFC 4180's rule, Commons CSV also quotes text that a lenient reader might trim or take for a comment. */
    @Test
    void csvAlsoQuotesTextStartingWithABlankOrHashOrEndingInABlank() {
        assertEquals("\" leading\"", Comparison.CSV.format(" leading"));
        assertEquals("\"#1\"", Comparison.CSV.format("#1"));
        assertEquals("\"trailing \"", Comparison.CSV.format("trailing "));
        assertEquals("a,", Comparison.CSV.format("a", null), "an unknown figure is an empty field, never quoted");
    }

    /** The records of an RFC 4180 text, each as its fields. */
    private static List<List<String>> parse(String csv) {
        try (CSVParser parser = CSVParser.parse(csv, CSVFormat.RFC4180)) {
            return parser.getRecords().stream().map(CSVRecord::toList).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
