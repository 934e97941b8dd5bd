package dev.flopcal.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;

import dev.flopcal.core.BuildInfo;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.fleet.Scheduler.JobState;
import dev.flopcal.fleet.Scheduler.NodeState;
import dev.flopcal.fleet.Scheduler.Submission;

/**
 * Calibrates a fleet through its batch scheduler: one exclusive single-node job per node, each running
 * {@code calibrate} on its node and writing its profile and raw results under the results directory; follows the
 * jobs until every one has ended, then writes the fleet report ({@value #REPORT_FILE}).
 *
 * <p>Faults lose nothing: a node whose task fails, times out, is cancelled, or waits on a node taken out of service
 * (drained, down: its job is cancelled rather than left waiting) is named in the report with its state, exit code
 * and log, and every other node's profile is kept; {@link FleetRequest#retryFailed()} resubmits only the failed
 * nodes and merges them into the report. Interrupted (Ctrl-C), it cancels the jobs still queued or running; a node
 * task cancelled mid-calibration leaves no partial profile (profiles are written atomically, at the end).
 */
public final class FleetCalibration {
    /** The report's file name in the results directory. */
    public static final String REPORT_FILE = "fleet-report.json";
    /** The node tasks' logs, under the results directory. */
    public static final String LOG_DIR = "logs";
    /** Job names are this prefix and the node name. */
    public static final String JOB_NAME_PREFIX = "flopcal-";
    /** Milliseconds between two looks at the jobs' states. */
    public static final long POLL_MILLIS = 2000;
    /** The state of a node that was not submitted (out of service, or refused by sbatch). */
    public static final String NOT_SUBMITTED = "NOT_SUBMITTED";

    private FleetCalibration() {
    }

    /**
     * What a run will do.
     *
     * @param request      what was asked
     * @param settings     how the nodes are submitted and what they measure (for a retry, the retried run's, with
     *                     the scheduling options given now)
     * @param nodes        the nodes to submit, in order
     * @param notSubmitted nodes asked for that are out of service, with their state: failed without a job
     * @param script       the batch script every node runs
     * @param submissions  one per node to submit
     * @param previous     the report a retry retries; null otherwise
     */
    public record Plan(FleetRequest request, FleetReport.Settings settings, List<String> nodes,
                       Map<String, String> notSubmitted, String script, List<Submission> submissions,
                       FleetReport previous) {
        public Plan {
            nodes = List.copyOf(nodes);
            notSubmitted = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notSubmitted));
            submissions = List.copyOf(submissions);
        }

        /** The report file. */
        public Path reportFile() {
            return request.resultsDir().resolve(REPORT_FILE);
        }
    }

    /**
     * Plans a run: the nodes, the script and the submissions. A dry run asks the scheduler only what it must to name
     * the nodes (a count, or a bracketed node list); a real one checks that the scheduler answers and that the named
     * nodes exist. Nothing is written or submitted.
     *
     * @throws InvalidInputException naming what is wrong: the scheduler's commands or controller missing, too few
     *                               nodes in service, an unknown node, a node named twice, nothing to retry
     */
    public static Plan plan(FleetRequest request, Scheduler scheduler, boolean dryRun) {
        if (!dryRun) {
            scheduler.check();
        }
        FleetReport previous = null;
        FleetReport.Settings settings;
        List<String> nodes;
        if (request.retryFailed()) {
            previous = FleetReport.read(request.resultsDir().resolve(REPORT_FILE));
            FleetReport.Settings was = previous.settings();
            settings = new FleetReport.Settings(request.partition() != null ? request.partition() : was.partition(),
                    request.timeLimit() != null ? request.timeLimit() : was.timeLimit(),
                    request.sbatchArgs().isEmpty() ? was.sbatchArgs() : request.sbatchArgs(), was.calibration());
            nodes = previous.failedNodes().stream().map(FleetReport.NodeResult::node).toList();
        } else {
            settings = new FleetReport.Settings(request.partition(), request.timeLimit(), request.sbatchArgs(),
                    request.calibration());
            nodes = request.nodes() != null ? inService(scheduler, request.partition(), request.nodes())
                    : scheduler.expand(request.nodeList());
        }
        Set<String> seen = new HashSet<>();
        for (String n : nodes) {
            if (n.isEmpty() || !n.matches("[A-Za-z0-9._-]+")) {
                throw new InvalidInputException("node name '" + n + "' in --nodelist is not a node name");
            }
            if (!seen.add(n)) {
                throw new InvalidInputException("node '" + n + "' is named twice in --nodelist");
            }
        }
        Map<String, String> notSubmitted = new LinkedHashMap<>();
        if (!dryRun && !nodes.isEmpty()) {
            Map<String, NodeState> states = scheduler.nodeStates(nodes);
            for (String n : nodes) {
                NodeState s = states.get(n);
                if (s == null) {
                    throw new InvalidInputException("unknown node '" + n + "': Slurm does not list it (sinfo --nodes="
                            + n + ")");
                }
                if (!s.inService()) {
                    notSubmitted.put(n, s.describe());
                }
            }
        }
        Path logDir = request.resultsDir().resolve(LOG_DIR);
        String script = BatchScript.script(request.launcher(), request.resultsDir(), settings.calibration());
        List<String> submitted = nodes.stream().filter(n -> !notSubmitted.containsKey(n)).toList();
        List<Submission> submissions = submitted.stream().map(n -> new Submission(n, BatchScript.options(n, logDir,
                settings.partition(), settings.timeLimit(), settings.sbatchArgs()), script,
                BatchScript.log(logDir, n))).toList();
        return new Plan(request, settings, submitted, notSubmitted, script, submissions, previous);
    }

    /** The first {@code count} nodes of the partition that are in service. */
    private static List<String> inService(Scheduler scheduler, String partition, int count) {
        List<NodeState> all = scheduler.nodes(partition);
        List<String> usable = all.stream().filter(NodeState::inService).map(NodeState::name).toList();
        if (usable.size() < count) {
            List<String> out = all.stream().filter(s -> !s.inService()).map(s -> s.name() + " " + s.describe()).toList();
            throw new InvalidInputException("--nodes " + count + ": " + (partition == null ? "Slurm has"
                    : "partition '" + partition + "' has") + " only " + usable.size() + " node"
                    + (usable.size() == 1 ? "" : "s") + " in service" + (usable.isEmpty() ? "" : " (" + String.join(", ",
                    usable) + ")") + (out.isEmpty() ? "" : "; out of service: " + String.join(", ", out)));
        }
        return usable.subList(0, count);
    }

    /** Where a node stands while the fleet runs. */
    public enum Phase {
        /** Queued. */
        PENDING,
        /** Running its calibration. */
        RUNNING,
        /** Finished and left its profile. */
        DONE,
        /** Failed, timed out, cancelled, or not submitted. */
        FAILED
    }

    /**
     * A node's progress.
     *
     * @param node   the node
     * @param jobId  its job, or null when not submitted
     * @param phase  where it stands
     * @param detail the scheduler's state and reason, the exit code, or the profile written
     */
    public record NodeProgress(String node, String jobId, Phase phase, String detail) {
    }

    /** How many nodes stand where. */
    public record Counts(int pending, int running, int done, int failed) {
        /** Nodes still queued or running. */
        public int unfinished() {
            return pending + running;
        }
    }

    /** Hears of a run's progress, on the thread that runs it. */
    public interface Listener {
        /** A node's task was submitted. */
        default void submitted(String node, String jobId, Path log) {
        }

        /** A node moved to another phase (or its state's detail changed). */
        default void progress(NodeProgress progress, Counts counts) {
        }

        /** Interrupted: these jobs, still queued or running, are being cancelled. */
        default void cancelling(List<String> jobIds) {
        }
    }

    /** Waits between two looks at the jobs; tests pass one that returns at once. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * Runs a plan: submits the node tasks, follows them until every one has ended, collects the profiles, writes
     * the report (merged with the retried run's, for a retry) and returns it. While it runs, a shutdown hook cancels
     * the jobs not yet ended when the JVM is stopped (Ctrl-C).
     *
     * @throws InvalidInputException  when the scheduler refuses the first submission (nothing is written then)
     * @throws CancellationException  when interrupted; the jobs not yet ended were cancelled, no report written
     */
    public static FleetReport run(Plan plan, Scheduler scheduler, Listener listener, Sleeper sleeper, long pollMillis)
            throws IOException {
        Run run = new Run(plan, scheduler, listener);
        if (!plan.submissions().isEmpty()) {
            scheduler.test(plan.submissions().get(0));
        }
        Files.createDirectories(plan.request().resultsDir().resolve(LOG_DIR));
        Thread hook = new Thread(run::abort, "flopcal-fleet-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            run.submitAll();
            run.follow(sleeper, pollMillis);
        } catch (InterruptedException e) {
            run.abort();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted: the fleet's jobs still queued or running were cancelled");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
        if (run.aborted()) {
            throw new CancellationException("interrupted: the fleet's jobs still queued or running were cancelled");
        }
        FleetReport report = run.report();
        report.write(plan.reportFile());
        return report;
    }

    /** A run in progress: a tracker per node. */
    static final class Run {
        private final Plan plan;
        private final Scheduler scheduler;
        private final Listener listener;
        private final Map<String, Tracker> trackers = new LinkedHashMap<>();
        private volatile boolean aborted;

        Run(Plan plan, Scheduler scheduler, Listener listener) {
            this.plan = plan;
            this.scheduler = scheduler;
            this.listener = listener;
            plan.notSubmitted().forEach((node, state) -> trackers.put(node, Tracker.notSubmitted(node,
                    "not submitted: the node is " + state)));
        }

        boolean aborted() {
            return aborted;
        }

        void submitAll() {
            for (Submission s : plan.submissions()) {
                Tracker t;
                // submitting and recording a job is one step for abort(): a job sbatch accepted while Ctrl-C came in
                // is recorded before abort() reads the jobs to cancel
                synchronized (this) {
                    if (aborted) {
                        return;
                    }
                    try {
                        String id = scheduler.submit(s);
                        t = new Tracker(s.node(), id, s.logOf(id));
                    } catch (InvalidInputException refused) {
                        t = Tracker.notSubmitted(s.node(), "not submitted: " + refused.getMessage());
                    }
                    trackers.put(s.node(), t);
                }
                if (t.jobId != null) {
                    listener.submitted(s.node(), t.jobId, Path.of(t.log));
                }
                listener.progress(t.progress(), counts());
            }
        }

        void follow(Sleeper sleeper, long pollMillis) throws InterruptedException {
            while (!aborted) {
                List<Tracker> open = unfinished();
                if (open.isEmpty()) {
                    return;
                }
                Map<String, JobState> states = scheduler.jobs(open.stream().map(t -> t.jobId).toList());
                List<Tracker> waiting = new ArrayList<>();
                for (Tracker t : open) {
                    JobState s = states.get(t.jobId);
                    if (s != null && s.pending()) {
                        waiting.add(t);
                    }
                    update(t, s);
                }
                cancelStranded(waiting);
                if (!unfinished().isEmpty()) {
                    sleeper.sleep(pollMillis);
                }
            }
        }

        /** Jobs waiting on a node that was taken out of service would wait for ever: cancel them, name the node. */
        private void cancelStranded(List<Tracker> waiting) {
            if (waiting.isEmpty()) {
                return;
            }
            Map<String, NodeState> nodes = scheduler.nodeStates(waiting.stream().map(t -> t.node).toList());
            for (Tracker t : waiting) {
                NodeState n = nodes.get(t.node);
                if (n != null && !n.inService() && t.phase == Phase.PENDING) {
                    scheduler.cancel(List.of(t.jobId));
                    t.why = "the node is " + n.describe() + " while the job waited: cancelled by flopcal";
                    t.end(new JobState(t.jobId, "CANCELLED", null, null, null), Phase.FAILED);
                    listener.progress(t.progress(), counts());
                }
            }
        }

        private void update(Tracker t, JobState s) {
            if (s == null) {
                return;
            }
            Phase phase = s.pending() ? Phase.PENDING : s.running() ? Phase.RUNNING : null;
            if (phase != null) {
                if (t.phase != phase || !java.util.Objects.equals(t.state, s)) {
                    boolean changed = t.phase != phase;
                    t.phase = phase;
                    t.state = s;
                    if (changed) {
                        listener.progress(t.progress(), counts());
                    }
                }
                return;
            }
            if (s.succeeded()) {
                Path profile = NodeProfiles.byJob(plan.request().resultsDir()).get(NodeProfiles.key(t.node, t.jobId));
                if (profile != null) {
                    t.profile = profile;
                    t.end(s, Phase.DONE);
                } else {
                    t.end(s, Phase.FAILED);
                    t.why = "the job completed but left no profile of node " + t.node + " and job " + t.jobId
                            + " under " + plan.request().resultsDir().resolve("profiles");
                }
            } else {
                t.end(s, Phase.FAILED);
            }
            listener.progress(t.progress(), counts());
        }

        private synchronized List<Tracker> unfinished() {
            return trackers.values().stream().filter(t -> t.phase == Phase.PENDING || t.phase == Phase.RUNNING)
                    .toList();
        }

        synchronized Counts counts() {
            int[] c = new int[Phase.values().length];
            trackers.values().forEach(t -> c[t.phase.ordinal()]++);
            return new Counts(c[0], c[1], c[2], c[3]);
        }

        /** Cancels the jobs not yet ended; later looks at the jobs stop. Safe to call from a shutdown hook. */
        void abort() {
            List<String> ids;
            synchronized (this) {
                if (aborted) {
                    return;
                }
                aborted = true;
                ids = unfinished().stream().map(t -> t.jobId).toList();
            }
            if (!ids.isEmpty()) {
                listener.cancelling(ids);
                scheduler.cancel(ids);
            }
        }

        /** The report of this run, merged into the retried one's. */
        FleetReport report() {
            Path dir = plan.request().resultsDir();
            List<FleetReport.NodeResult> results = new ArrayList<>();
            if (plan.previous() != null) {
                for (FleetReport.NodeResult was : plan.previous().nodes()) {
                    Tracker t = trackers.get(was.node());
                    results.add(t == null ? was : t.result(dir));
                }
            } else {
                trackers.values().forEach(t -> results.add(t.result(dir)));
                // not-submitted nodes were added first: restore the order asked for
                List<String> order = new ArrayList<>(plan.notSubmitted().keySet());
                order.addAll(plan.nodes());
                results.sort(java.util.Comparator.comparingInt(r -> order.indexOf(r.node())));
            }
            List<NodeProfiles.NodeProfile> profiles = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                FleetReport.NodeResult r = results.get(i);
                if (!r.done()) {
                    continue;
                }
                Path file = dir.resolve(r.profile());
                if (!Files.isRegularFile(file)) {
                    results.set(i, new FleetReport.NodeResult(r.node(), r.jobId(), FleetReport.FAILED, r.state(),
                            "its profile " + r.profile() + " is gone from " + dir, r.exitCode(), r.signal(), r.log(),
                            r.profileId(), r.profile()));
                    continue;
                }
                profiles.add(NodeProfiles.read(file));
            }
            int failed = (int) results.stream().filter(r -> !r.done()).count();
            return new FleetReport(FleetReport.SCHEMA_VERSION, Instant.now().toString(), "flopcal " + BuildInfo.version(),
                    scheduler.name(), plan.settings(), results, failed, NodeProfiles.summarize(profiles));
        }
    }

    /** One node's job as the run follows it. */
    private static final class Tracker {
        final String node;
        final String jobId;
        final String log;
        volatile Phase phase = Phase.PENDING;
        volatile JobState state;
        Path profile;
        String why;

        Tracker(String node, String jobId, String log) {
            this.node = node;
            this.jobId = jobId;
            this.log = log;
        }

        static Tracker notSubmitted(String node, String why) {
            Tracker t = new Tracker(node, null, null);
            t.phase = Phase.FAILED;
            t.state = new JobState("", NOT_SUBMITTED, null, null, null);
            t.why = why;
            return t;
        }

        void end(JobState s, Phase p) {
            state = s;
            phase = p;
            if (p == Phase.FAILED && why == null) {
                why = failure(s);
            }
        }

        /** Why a job failed, in words: its state, reason, exit code and signal. */
        private static String failure(JobState s) {
            StringBuilder b = new StringBuilder(switch (s.baseState()) {
                case "TIMEOUT" -> "the job reached its time limit";
                case "CANCELLED" -> "the job was cancelled";
                case "NODE_FAIL" -> "the node failed while the job ran";
                case "PREEMPTED" -> "the job was preempted";
                case "OUT_OF_MEMORY" -> "the job ran out of memory";
                case "BOOT_FAIL" -> "the node failed to boot";
                case "DEADLINE" -> "the job reached its deadline";
                case JobState.UNKNOWN -> "Slurm no longer knows the job and it left no profile";
                default -> s.exitCode() != null && s.exitCode() != 0 ? "calibrate exited with " + s.exitCode()
                        : "the job ended " + s.state();
            });
            if (s.reason() != null && !s.reason().equals("NonZeroExitCode")) {
                b.append(" (").append(s.reason()).append(')');
            }
            if (s.signal() != null && s.signal() != 0) {
                b.append(", signal ").append(s.signal());
            }
            return b.toString();
        }

        NodeProgress progress() {
            String detail = switch (phase) {
                case PENDING -> state == null || state.reason() == null ? null : state.reason();
                case RUNNING -> null;
                case DONE -> "profile " + profile.getFileName();
                case FAILED -> why + (log == null ? "" : "; log " + log);
            };
            return new NodeProgress(node, jobId, phase, detail);
        }

        FleetReport.NodeResult result(Path dir) {
            String relLog = log == null ? null : relative(dir, Path.of(log));
            String relProfile = profile == null ? null : relative(dir, profile);
            String id = profile == null ? null : profile.getFileName().toString().replaceFirst("\\.json$", "");
            return new FleetReport.NodeResult(node, jobId, phase == Phase.DONE ? FleetReport.DONE : FleetReport.FAILED,
                    state == null ? null : state.state(), phase == Phase.DONE ? null : why,
                    state == null ? null : state.exitCode(), state == null ? null : state.signal(), relLog, id,
                    relProfile);
        }

        private static String relative(Path dir, Path file) {
            Path abs = file.toAbsolutePath().normalize(), base = dir.toAbsolutePath().normalize();
            return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
        }
    }
}
