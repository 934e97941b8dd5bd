package dev.flopcal.fleet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.flopcal.core.AtomicFiles;
import dev.flopcal.core.InputFiles;
import dev.flopcal.core.InvalidInputException;

/**
 * The fleet report ({@code DIR/fleet-report.json}): every node's outcome, and per precision each node's achieved
 * figure with its interval, the fleet's median and spread, and the nodes marked suspect with the reason.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param createdAt     ISO-8601 instant the report was written
 * @param tool          e.g. "flopcal 0.1.0"
 * @param scheduler     the batch scheduler, "slurm"
 * @param settings      how the nodes were submitted and what they measured
 * @param nodes         every node asked for, in the order asked, with its outcome
 * @param failed        how many nodes failed
 * @param precisions    per precision id, the fleet's figures (done nodes only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "createdAt", "tool", "scheduler", "settings", "failed", "nodes", "precisions"})
public record FleetReport(int schemaVersion, String createdAt, String tool, String scheduler, Settings settings,
                          List<NodeResult> nodes, int failed, Map<String, PrecisionSummary> precisions) {

    public static final int SCHEMA_VERSION = 1;
    /** A node whose task finished and left its profile. */
    public static final String DONE = "done";
    /** A node whose task failed, timed out, was cancelled, or was not submitted. */
    public static final String FAILED = "failed";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public FleetReport {
        nodes = List.copyOf(nodes);
        precisions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(precisions));
    }

    /**
     * How the nodes were submitted and what they measured.
     *
     * @param partition   the partition, or null for the default
     * @param timeLimit   each task's time limit, or null for the partition's
     * @param sbatchArgs  site options added to every submission
     * @param calibration what every node measured
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"partition", "timeLimit", "sbatchArgs", "calibration"})
    public record Settings(String partition, String timeLimit, List<String> sbatchArgs, NodeCalibration calibration) {
        public Settings {
            sbatchArgs = sbatchArgs == null ? List.of() : List.copyOf(sbatchArgs);
        }
    }

    /**
     * One node's outcome.
     *
     * @param node      the scheduler's node name
     * @param jobId     its task's job id; null when it was not submitted
     * @param outcome   {@link #DONE} or {@link #FAILED}
     * @param state     the scheduler's final state of the job ("COMPLETED", "FAILED", "TIMEOUT", "CANCELLED",
     *                  "NODE_FAIL"...), or "NOT_SUBMITTED"
     * @param reason    why it failed, in words; null when done
     * @param exitCode  the task's exit code where the scheduler knows it (calibrate's: 1 a measurement failed, 2 bad
     *                  input, 130 interrupted), else null
     * @param signal    the signal that ended it, where the scheduler knows it; 0 for none
     * @param log       the task's output, relative to the results directory, e.g. "logs/node2-4712.log"; null when
     *                  it was not submitted
     * @param profileId the profile it wrote, when it wrote one
     * @param profile   that profile's file relative to the results directory, e.g. "profiles/ID.json"
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"node", "jobId", "outcome", "state", "reason", "exitCode", "signal", "log", "profileId",
            "profile"})
    public record NodeResult(String node, String jobId, String outcome, String state, String reason, Integer exitCode,
                             Integer signal, String log, String profileId, String profile) {
        /** True when the node's task finished and left its profile. */
        @JsonIgnore
        public boolean done() {
            return DONE.equals(outcome);
        }
    }

    /**
     * The fleet's figures for one precision.
     *
     * @param unit          "FLOP/s", or "op/s" for int8
     * @param nodes         how many nodes have a figure
     * @param median        the fleet median of the achieved figures
     * @param mad           their median absolute deviation from the median (unscaled)
     * @param threshold     how far below the median a node must fall, beyond its interval, to be suspect:
     *                      {@link FleetStatistics#MAD_MULTIPLIER} × {@link FleetStatistics#MAD_SCALE} × mad
     * @param min           the lowest achieved figure
     * @param max           the highest
     * @param figures       each node's figure, in the report's node order
     * @param note          what a reader must know (e.g. too few nodes to single one out), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"unit", "nodes", "median", "mad", "threshold", "min", "max", "note", "figures"})
    public record PrecisionSummary(String unit, int nodes, double median, double mad, double threshold, double min,
                                   double max, List<NodeFigure> figures, String note) {
        public PrecisionSummary {
            figures = List.copyOf(figures);
        }

        /** The suspect nodes' figures. */
        public List<NodeFigure> suspects() {
            return figures.stream().filter(NodeFigure::suspect).toList();
        }
    }

    /** The entry of a node, if the report has one. */
    public Optional<NodeResult> node(String name) {
        return nodes.stream().filter(n -> n.node().equals(name)).findFirst();
    }

    /** The failed nodes, in the report's order. */
    public List<NodeResult> failedNodes() {
        return nodes.stream().filter(n -> !n.done()).toList();
    }

    /** Every suspect node figure, by precision. */
    public Map<String, List<NodeFigure>> suspects() {
        Map<String, List<NodeFigure>> m = new LinkedHashMap<>();
        precisions.forEach((p, s) -> {
            if (!s.suspects().isEmpty()) {
                m.put(p, s.suspects());
            }
        });
        return m;
    }

    /** The report as pretty-printed JSON with a trailing newline. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise the fleet report: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes the report atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    /**
     * Reads a report.
     *
     * @throws InvalidInputException naming the file when it is missing, not JSON, or not a fleet report of this
     *                               schema version
     */
    public static FleetReport read(Path file) {
        String text = InputFiles.readString(file, "fleet report");
        FleetReport r;
        try {
            r = JSON.readValue(text, FleetReport.class);
        } catch (JacksonException e) {
            var at = e.getLocation();
            throw new InvalidInputException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not a fleet report: " + e.getOriginalMessage(), e);
        }
        if (r == null || r.schemaVersion() != SCHEMA_VERSION || r.nodes() == null || r.settings() == null) {
            throw new InvalidInputException(file + ": not a fleet report of schema version " + SCHEMA_VERSION);
        }
        return r;
    }
}
