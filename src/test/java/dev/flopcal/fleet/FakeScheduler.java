package dev.flopcal.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;
import dev.flopcal.reporting.TestProfiles;

/**
 * A scheduler in memory: nodes with states, and per node a script of the states its job goes through, one per look
 * at the jobs; a job that reaches COMPLETED (exit 0) writes its node's profile under the results directory, as a node
 * task does.
 */
public final class FakeScheduler implements Scheduler {
    final Map<String, NodeState> nodes = new LinkedHashMap<>();
    final Map<String, Deque<JobState>> scripts = new LinkedHashMap<>();
    final Map<String, Double> fp32 = new LinkedHashMap<>();
    public final List<Submission> submitted = new ArrayList<>();
    public final List<String> cancelled = new ArrayList<>();
    final Map<String, String> jobNodes = new LinkedHashMap<>();
    final Map<String, JobState> current = new LinkedHashMap<>();
    /** Node states that take effect at a given look at the jobs (1 = the first). */
    final Map<Integer, NodeState> changes = new LinkedHashMap<>();
    /** Nodes whose job completes without writing a profile. */
    final java.util.Set<String> silent = new java.util.HashSet<>();
    Path resultsDir;
    String refuse;
    /** What check() finds missing, or null. */
    public String missing;
    int looks;
    int nextId = 100;

    public FakeScheduler(Path resultsDir, String... names) {
        this.resultsDir = resultsDir;
        for (String n : names) {
            nodes.put(n, new NodeState(n, "idle", null));
        }
    }

    /** The node's job goes through these states (e.g. PENDING, RUNNING, COMPLETED 0) and reports fp32 achieved. */
    public FakeScheduler job(String node, double achievedFp32, JobState... states) {
        scripts.put(node, new ArrayDeque<>(List.of(states)));
        fp32.put(node, achievedFp32);
        return this;
    }

    public static JobState state(String state) {
        return new JobState("", state, null, null, null);
    }

    public static JobState ended(String state, int exit, int signal) {
        return new JobState("", state, null, exit, signal);
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public void check() {
        if (missing != null) {
            throw new InvalidInputException(missing);
        }
    }

    @Override
    public List<String> expand(String nodeList) {
        return List.of(nodeList.split(","));
    }

    @Override
    public List<NodeState> nodes(String partition) {
        return List.copyOf(nodes.values());
    }

    @Override
    public Map<String, NodeState> nodeStates(Collection<String> names) {
        Map<String, NodeState> m = new LinkedHashMap<>();
        names.forEach(n -> {
            if (nodes.containsKey(n)) {
                m.put(n, nodes.get(n));
            }
        });
        return m;
    }

    @Override
    public void test(Submission submission) {
        if (refuse != null) {
            throw new InvalidInputException("sbatch refuses the node task for " + submission.node() + ": " + refuse);
        }
    }

    @Override
    public String submit(Submission submission) {
        submitted.add(submission);
        String id = Integer.toString(nextId++);
        jobNodes.put(id, submission.node());
        return id;
    }

    @Override
    public Map<String, JobState> jobs(Collection<String> ids) {
        looks++;
        NodeState change = changes.get(looks);
        if (change != null) {
            nodes.put(change.name(), change);
        }
        Map<String, JobState> m = new LinkedHashMap<>();
        for (String id : ids) {
            String node = jobNodes.get(id);
            Deque<JobState> script = scripts.get(node);
            JobState s = current.get(id);
            if (s == null || !s.ended()) {
                JobState next = script.size() > 1 ? script.poll() : script.peek();
                s = new JobState(id, next.state(), next.reason(), next.exitCode(), next.signal());
                if (cancelled.contains(id)) {
                    s = new JobState(id, "CANCELLED", null, 0, 15);
                }
                current.put(id, s);
                if (s.succeeded() && !silent.contains(node)) {
                    writeProfile(node, id);
                }
            }
            m.put(id, s);
        }
        return m;
    }

    private void writeProfile(String node, String jobId) {
        try {
            ProfileIO.write(nodeProfile(node, jobId, fp32.get(node)),
                    resultsDir.resolve("profiles").resolve("cpu-test-" + node + "-" + jobId + ".json"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A node task's profile ("cpu-test-NODE-JOB"): the test CPU's, with fp32 only, achieved {@code achievedFp32}
     * ± 1%, and the node and job in its provenance.
     */
    public static Profile nodeProfile(String node, String jobId, double achievedFp32) {
        Profile base = TestProfiles.cpu();
        Map<String, PrecisionProfile> precisions = new LinkedHashMap<>();
        PrecisionProfile e = base.precisions().get("fp32");
        double a = achievedFp32;
        precisions.put("fp32", new PrecisionProfile(e.nominalFlops(), e.nominalBasis(), e.nominalSource(),
                e.nominalEstimated(), e.perCycle(), a, 0.01 * a, e.achievedAt(), a / e.nominalFlops(),
                0.01 * a / e.nominalFlops(), e.status(), e.path(), e.samples(), e.nativeSamples(), e.fits(),
                e.publishedRuns()));
        return new Profile(base.schemaVersion(), "cpu-test-" + node + "-" + jobId, base.device(), precisions,
                base.ceilings(), base.roofline(), base.nativeBlas(), base.notes(), base.provenance().withJob(node, jobId));
    }

    @Override
    public void cancel(Collection<String> ids) {
        cancelled.addAll(ids);
    }
}
