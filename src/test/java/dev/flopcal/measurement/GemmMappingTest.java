package dev.flopcal.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;

class GemmMappingTest {
    private static final String FILE = "/home/user/bench/results.json";

    private static List<JmhRecord> parse(String unit, ForeignJmh.Result... results) {
        return JmhResults.parse(FILE, ForeignJmh.json(unit, List.of(results)));
    }

    private static ForeignJmh.Result at(Map<String, String> params, double score, double error) {
        return new ForeignJmh.Result(params, score, error, score - error / 2, score, score + error / 2);
    }

    private static GemmMapping mapping(String size, String series, Precision precision, String flops) {
        return new GemmMapping(size, series, precision, new FlopsPerOp(flops));
    }

    @Test
    void throughputPerMinuteTimesTwoNCubedGivesFlopsPerSecond() {
        List<JmhRecord> records = parse("ops/min", at(Map.of("dim", "100", "lib", "A"), 600, 60),
                at(Map.of("dim", "200", "lib", "A"), 90, 3), at(Map.of("dim", "100", "lib", "B"), 1200, 12));
        List<GemmMapping.Series> series = mapping("dim", "lib", Precision.FP64, "2*n^3").apply(FILE, records);
        assertEquals(List.of("A", "B"), series.stream().map(GemmMapping.Series::value).toList(), "in file order");
        GemmMapping.Series a = series.get(0);
        assertTrue(a.mapped());
        assertEquals(List.of("ops/min"), a.units());
        assertEquals(List.of("MatrixMultiply.multiply"), a.benchmarks());
        JmhRecord n100 = a.records().get(0);
        // 600 ops/min = 10 ops/s; 2 × 100³ = 2e6 FLOP per op
        assertEquals(2e7, n100.score(), 1e-6);
        assertEquals(2e6, n100.error(), 1e-6, "10% error stays 10%");
        assertEquals("FLOP/s", n100.unit());
        assertEquals(Map.of("size", "100", "precision", "fp64", "threads", "1"), n100.params());
        assertEquals(List.of(1.9e7, 2e7, 2.1e7), n100.iterations().stream().map(v -> Math.rint(v / 1e3) * 1e3).toList());
        // 90 ops/min = 1.5 ops/s; 2 × 200³ = 1.6e7
        assertEquals(2.4e7, a.records().get(1).score(), 1e-6);
        // 1200 ops/min = 20 ops/s
        assertEquals(4e7, series.get(1).records().get(0).score(), 1e-6);
    }

    @Test
    void averageTimeInvertsAndKeepsTheRelativeError() {
        List<JmhRecord> records = parse("ms/op", at(Map.of("size", "100", "precision", "fp32"), 4, 0.2));
        JmhRecord r = GemmMapping.defaults().apply(FILE, records).get(0).records().get(0);
        // 4 ms/op = 250 ops/s × 2e6 FLOP
        assertEquals(5e8, r.score(), 1e-3);
        assertEquals(0.05 * 5e8, r.error(), 1e-3);
        assertEquals("fp32", r.param("precision"), "the results' own precision parameter");
        assertEquals(1 / 3.9e-3 * 2e6, r.iterations().get(0), 1e-3, "each iteration inverted on its own");
    }

    @Test
    void mnkParametersGiveTheShapeAndThreadsParametersTheThreadCount() {
        List<JmhRecord> records = parse("ops/s",
                at(Map.of("m", "64", "n", "128", "k", "256", "threads", "2", "precision", "fp32"), 10, 1));
        JmhRecord r = mapping("n", null, null, "2*m*n*k").apply(FILE, records).get(0).records().get(0);
        assertEquals(10 * 2.0 * 64 * 128 * 256, r.score(), 1e-6);
        assertEquals("128", r.param("size"));
        assertEquals("2", r.param("threads"));
        JmhRecord square = mapping("n", null, null, "2*n^3").apply(FILE, records).get(0).records().get(0);
        assertEquals(10 * 2.0 * 128 * 128 * 128, square.score(), 1e-6, "n alone where the expression says so");
    }

    @Test
    void flopcalsOwnRecordsPassThroughUnchanged() {
        List<JmhRecord> own = JmhResults.parse("own.json", ForeignJmh.json("ops/s",
                List.of(at(Map.of("size", "64", "precision", "fp32", "threads", "1"), 5e9, 1e8))).replace(
                ForeignJmh.BENCHMARK, "dev.flopcal.benchmarks.GemmBenchmark.multiply"));
        GemmMapping.Series s = GemmMapping.defaults().apply("own.json", own).get(0);
        assertFalse(s.mapped());
        assertSame(own.get(0), s.records().get(0));
        assertTrue(s.units().isEmpty());
    }

    @Test
    void aMissingParameterNamesTheFileTheResultAndTheFlag() {
        List<JmhRecord> records = parse("ops/min", at(Map.of("dim", "100", "lib", "A"), 600, 60));
        InvalidInputException size = assertThrows(InvalidInputException.class,
                () -> GemmMapping.defaults().apply(FILE, records));
        assertTrue(size.getMessage().startsWith(FILE + ": result #1 (MatrixMultiply.multiply [dim=100, lib=A])"),
                size.getMessage());
        assertTrue(size.getMessage().contains("has no parameter 'size'") && size.getMessage().contains("--size-param"),
                size.getMessage());

        InvalidInputException series = assertThrows(InvalidInputException.class,
                () -> mapping("dim", "library", Precision.FP64, "2*n^3").apply(FILE, records));
        assertTrue(series.getMessage().contains("no parameter 'library' (--series-param)"), series.getMessage());

        InvalidInputException precision = assertThrows(InvalidInputException.class,
                () -> mapping("dim", "lib", null, "2*n^3").apply(FILE, records));
        assertTrue(precision.getMessage().contains("no parameter 'precision'")
                && precision.getMessage().contains("--precision"), precision.getMessage());
    }

    @Test
    void badValuesAreRefusedByName() {
        InvalidInputException size = assertThrows(InvalidInputException.class, () -> mapping("dim", null,
                Precision.FP64, "2*n^3").apply(FILE, parse("ops/s", at(Map.of("dim", "large"), 1, 0.1))));
        assertTrue(size.getMessage().contains("dim='large' is not a positive integer"), size.getMessage());

        InvalidInputException unit = assertThrows(InvalidInputException.class, () -> mapping("dim", null,
                Precision.FP64, "2*n^3").apply(FILE, parse("ops/fortnight", at(Map.of("dim", "8"), 1, 0.1))));
        assertTrue(unit.getMessage().startsWith(FILE) && unit.getMessage().contains("'ops/fortnight'")
                && unit.getMessage().contains("ops/min"), unit.getMessage());

        InvalidInputException conflict = assertThrows(InvalidInputException.class, () -> mapping("size", null,
                Precision.FP64, "2*n^3").apply(FILE, parse("ops/s", at(Map.of("size", "8", "precision", "fp32"), 1, 0.1))));
        assertTrue(conflict.getMessage().contains("precision=fp32 but --precision says fp64"), conflict.getMessage());

        InvalidInputException zero = assertThrows(InvalidInputException.class, () -> mapping("dim", null,
                Precision.FP64, "n-8").apply(FILE, parse("ops/s", at(Map.of("dim", "8"), 1, 0.1))));
        assertTrue(zero.getMessage().contains("gives 0.0 operations at dim=8"), zero.getMessage());

        InvalidInputException score = assertThrows(InvalidInputException.class, () -> mapping("dim", null,
                Precision.FP64, "2*n^3").apply(FILE, parse("ms/op", at(Map.of("dim", "8"), 0, 0))));
        assertTrue(score.getMessage().contains("score 0.0 ms/op is not a positive number"), score.getMessage());
    }

    @Test
    void resultsThatWouldShareAPointOfOneCurveAreRefused() {
        List<JmhRecord> records = parse("ops/s", at(Map.of("dim", "8", "lib", "A"), 1, 0.1),
                at(Map.of("dim", "8", "lib", "B"), 2, 0.1));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> mapping("dim", null, Precision.FP64, "2*n^3").apply(FILE, records));
        assertTrue(e.getMessage().contains("results #1 and #2") && e.getMessage().contains("differ in lib")
                && e.getMessage().contains("--series-param lib"), e.getMessage());

        List<JmhRecord> repeated = parse("ops/s", at(Map.of("dim", "8"), 1, 0.1), at(Map.of("dim", "8"), 1.1, 0.1));
        assertEquals(2, mapping("dim", null, Precision.FP64, "2*n^3").apply(FILE, repeated).get(0).records().size(),
                "a repeat of one benchmark is two measurements of one point");

        List<JmhRecord> benchmarks = List.of(records.get(0), new JmhRecord("org.example.Other.solve", Map.of("dim", "8",
                "lib", "A"), "primary", 1, 0.1, "ops/s", List.of(), "", ""));
        InvalidInputException b = assertThrows(InvalidInputException.class,
                () -> mapping("dim", null, Precision.FP64, "2*n^3").apply(FILE, benchmarks));
        assertTrue(b.getMessage().contains("different benchmarks (MatrixMultiply.multiply, Other.solve)"), b.getMessage());
    }

    @Test
    void theRecordedMappingReappliesToTheRawResults() {
        List<JmhRecord> records = parse("us/op", at(Map.of("dim", "100", "lib", "A"), 500, 5),
                at(Map.of("dim", "100", "lib", "B"), 250, 5));
        GemmMapping m = mapping("dim", "lib", Precision.FP64, "2*n^3");
        GemmMapping.Series b = m.apply(FILE, records).get(1);
        Map<String, Object> plan = m.plan(b);
        assertEquals(Map.of("sizeParam", "dim", "seriesParam", "lib", "series", "B", "precision", "fp64",
                "flopsPerOp", "2*n^3", "scoreUnits", List.of("us/op")), plan);

        GemmMapping.Recorded recorded = GemmMapping.recorded(Map.of("fittedFrom", "x.json", GemmMapping.PLAN_KEY, plan))
                .orElseThrow();
        assertEquals(m, recorded.mapping());
        assertEquals(b.records(), recorded.records("raw.json", records));
        assertEquals("lib=B, size from dim, 2*n^3 FLOP per operation, fp64", recorded.summary());
        // 250 us/op = 4000 ops/s × 2e6 FLOP
        assertEquals(8e9, recorded.records("raw.json", records).get(0).score(), 1e-3);

        assertTrue(GemmMapping.recorded(Map.of("sizes", List.of(64))).isEmpty(), "flopcal's own plan: no mapping");
        assertTrue(GemmMapping.recorded(null).isEmpty());
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> new GemmMapping.Recorded(m,
                "C").records("raw.json", records));
        assertTrue(missing.getMessage().contains("raw.json has no results with lib=C"), missing.getMessage());
    }
}
