package dev.flopcal.measurement;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small JMH JSON files in another project's shape (no flopcal harness), written for the tests. */
public final class ForeignJmh {
    /** A benchmark of another project, outside dev.flopcal.benchmarks. */
    public static final String BENCHMARK = "org.example.bench.MatrixMultiply.multiply";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One result: its parameters, score, JMH error and raw iteration values (one fork), in the file's unit. */
    public record Result(Map<String, String> params, double score, double error, double... raw) {
    }

    private ForeignJmh() {
    }

    /** A JMH result file: one entry per result, all of {@link #BENCHMARK} in {@code unit}. */
    public static String json(String unit, List<Result> results) {
        ArrayNode root = MAPPER.createArrayNode();
        for (Result r : results) {
            ObjectNode b = root.addObject();
            b.put("jmhVersion", "1.37");
            b.put("benchmark", BENCHMARK);
            b.put("mode", unit.startsWith("ops/") ? "thrpt" : "avgt");
            b.put("threads", 1);
            b.put("forks", 1);
            b.put("jdkVersion", "21.0.2");
            ObjectNode params = b.putObject("params");
            r.params().forEach(params::put);
            ObjectNode metric = b.putObject("primaryMetric");
            metric.put("score", r.score());
            metric.put("scoreError", r.error());
            metric.put("scoreUnit", unit);
            ArrayNode fork = metric.putArray("rawData").addArray();
            for (double v : r.raw()) {
                fork.add(v);
            }
            b.putObject("secondaryMetrics");
        }
        return root.toPrettyString();
    }
}
