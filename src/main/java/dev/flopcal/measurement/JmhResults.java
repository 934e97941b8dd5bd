package dev.flopcal.measurement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.flopcal.core.InputFiles;
import dev.flopcal.core.InvalidInputException;

/**
 * Reads JMH's JSON result format ({@code -rf json}): an array of benchmark objects with {@code params},
 * {@code primaryMetric} and {@code secondaryMetrics}. Files from other machines and other harnesses are accepted as
 * long as they have this shape; JMH writes {@code "NaN"} (a string) for errors it cannot compute.
 */
public final class JmhResults {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private JmhResults() {
    }

    /**
     * Parses a JMH JSON file.
     *
     * @throws InvalidInputException naming the file (and line and column for malformed JSON, or the benchmark
     *                               index for a missing field) when it is not a JMH result file
     */
    public static List<JmhRecord> read(Path file) {
        return parse(file.toString(), InputFiles.readString(file, "JMH results file"));
    }

    /** Parses JMH JSON text; {@code name} is used in messages. */
    public static List<JmhRecord> parse(String name, String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw new InvalidInputException(name + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new InvalidInputException(name + ": not a JMH result file (expected a JSON array of benchmark results)");
        }
        List<JmhRecord> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            out.add(record(name, i, root.get(i)));
        }
        return out;
    }

    private static JmhRecord record(String name, int index, JsonNode b) {
        String where = name + ": result #" + (index + 1);
        String benchmark = text(b, "benchmark", where);
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = b.get("params");
        if (p != null && p.isObject()) {
            p.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode metric = null;
        String metricName = "primary";
        JsonNode secondary = b.get("secondaryMetrics");
        for (String preferred : new String[] {"ops", "bytes"}) {
            if (secondary != null && secondary.has(preferred)) {
                metric = secondary.get(preferred);
                metricName = preferred;
                break;
            }
        }
        if (metric == null) {
            metric = b.get("primaryMetric");
        }
        if (metric == null || !metric.isObject()) {
            throw new InvalidInputException(where + " (" + benchmark + ") has no primaryMetric");
        }
        double score = number(metric.get("score"), where + " score");
        double error = metric.has("scoreError") ? number(metric.get("scoreError"), where + " scoreError") : Double.NaN;
        List<List<Double>> forks = new ArrayList<>();
        JsonNode raw = metric.get("rawData");
        if (raw != null && raw.isArray()) {
            for (JsonNode fork : raw) {
                List<Double> iterations = new ArrayList<>();
                for (JsonNode v : fork) {
                    iterations.add(number(v, where + " rawData"));
                }
                if (!iterations.isEmpty()) {
                    forks.add(iterations);
                }
            }
        }
        String unit = metric.has("scoreUnit") ? metric.get("scoreUnit").asText() : "";
        return new JmhRecord(benchmark, params, metricName, score, error, unit, forks,
                b.path("jdkVersion").asText(""), b.path("jmhVersion").asText(""));
    }

    private static String text(JsonNode b, String field, String where) {
        JsonNode n = b == null ? null : b.get(field);
        if (n == null || !n.isTextual()) {
            throw new InvalidInputException(where + " has no '" + field + "' (expected JMH JSON output)");
        }
        return n.asText();
    }

    private static double number(JsonNode n, String what) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            String t = n.asText();
            if (t.equals("NaN")) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(what + " is '" + t + "', not a number");
            }
        }
        throw new InvalidInputException(what + " is " + n.getNodeType() + ", not a number");
    }
}
