package dev.flopcal.profiles;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How a profile was made.
 *
 * @param createdAt        ISO-8601 instant
 * @param tool             e.g. "flopcal 0.1.0"
 * @param jdk              JDK that ran the measurements
 * @param jmh              JMH version
 * @param mode             "quick", "default", "full", or "published-runs" for accelerator profiles
 * @param plan             what was measured (precisions, sizes, threads, working sets, JMH iterations)
 * @param rawResults       path of the raw JMH JSON relative to this profile's directory, e.g.
 *                         "../raw/ID.jmh.json"; null for accelerator profiles
 * @param rawResultsSha256 SHA-256 of the raw results file, hex
 * @param durationSeconds  wall-clock seconds of the calibration's JMH steps (full mode's round-by-round comparisons,
 *                         about 25 s each, come after them and are not included)
 * @param load             machine load: "loadAverageBefore", "loadAverageAfter", "maxOtherBusy" (fraction of the
 *                         machine busy beyond the benchmark's own threads, worst step), "stealShare" and
 *                         "maxStepSteal" (fraction of the CPU time the hypervisor gave to other guests, over the run
 *                         and in the worst step)
 * @param sources          data sources behind datasheet and published-run figures
 * @param node             the batch scheduler's name of the node that measured (a fleet calibration's node task,
 *                         e.g. "node1"); null otherwise
 * @param jobId            the batch scheduler's job id of that task, e.g. "4711"; null otherwise
 * @param refitted         when and by which flopcal the profile was last rebuilt from its raw results ({@code fit
 *                         --refit}), e.g. "2026-12-08T10:00:00Z by flopcal 0.1.0"; null when never
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"createdAt", "tool", "jdk", "jmh", "mode", "plan", "rawResults", "rawResultsSha256",
        "durationSeconds", "load", "sources", "node", "jobId", "refitted"})
public record Provenance(String createdAt, String tool, String jdk, String jmh, String mode, Map<String, Object> plan,
                         String rawResults, String rawResultsSha256, Double durationSeconds, Map<String, Double> load,
                         List<String> sources, String node, String jobId, String refitted) {

    /** Provenance of a profile not measured by a batch scheduler's job (no node, no job id) and never refitted. */
    public Provenance(String createdAt, String tool, String jdk, String jmh, String mode, Map<String, Object> plan,
                      String rawResults, String rawResultsSha256, Double durationSeconds, Map<String, Double> load,
                      List<String> sources) {
        this(createdAt, tool, jdk, jmh, mode, plan, rawResults, rawResultsSha256, durationSeconds, load, sources, null,
                null, null);
    }

    /** A copy whose raw results are at another path (relative to the profile's directory). */
    public Provenance withRawResults(String path) {
        return new Provenance(createdAt, tool, jdk, jmh, mode, plan, path, rawResultsSha256, durationSeconds, load,
                sources, node, jobId, refitted);
    }

    /** A copy naming the batch scheduler's node and job that measured. */
    public Provenance withJob(String nodeName, String job) {
        return new Provenance(createdAt, tool, jdk, jmh, mode, plan, rawResults, rawResultsSha256, durationSeconds, load,
                sources, nodeName, job, refitted);
    }

    /** A copy noting a refit at {@code instant} by {@code tool}. */
    public Provenance refittedAt(String instant, String tool) {
        return new Provenance(createdAt, this.tool, jdk, jmh, mode, plan, rawResults, rawResultsSha256, durationSeconds,
                load, sources, node, jobId, instant + " by " + tool);
    }
}
