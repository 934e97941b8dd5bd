package dev.flopcal.fleet;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A cluster's batch scheduler, as far as a fleet calibration needs one: which nodes there are, submitting one job
 * pinned to a node, following jobs, cancelling them. {@link SlurmScheduler} talks to Slurm through its commands;
 * tests drive a fake one.
 */
public interface Scheduler {
    /** The scheduler's name, as in reports: "slurm". */
    String name();

    /**
     * Checks that the scheduler can be used from here: its commands are installed and its controller answers.
     *
     * @throws dev.flopcal.core.InvalidInputException naming what is missing (a command, the controller)
     */
    void check();

    /**
     * The node names of a node list, e.g. "node[1-3],gpu7" → node1, node2, node3, gpu7, in the order given.
     *
     * @throws dev.flopcal.core.InvalidInputException when the list is malformed
     */
    List<String> expand(String nodeList);

    /**
     * The nodes of a partition (the default partition when null), in the scheduler's order, each once.
     *
     * @throws dev.flopcal.core.InvalidInputException when the partition does not exist
     */
    List<NodeState> nodes(String partition);

    /**
     * The state of some nodes; a name the scheduler does not know is missing from the answer.
     */
    Map<String, NodeState> nodeStates(Collection<String> names);

    /**
     * Checks a submission without submitting it (Slurm: {@code sbatch --test-only}).
     *
     * @throws dev.flopcal.core.InvalidInputException with the scheduler's message when it would refuse it (an unknown
     *                                                partition, a bad time limit or site option)
     */
    void test(Submission submission);

    /**
     * Submits a job.
     *
     * @return the job id
     * @throws dev.flopcal.core.InvalidInputException with the scheduler's message when it refuses the job
     */
    String submit(Submission submission);

    /**
     * The state of some jobs: while queued or running, and once finished with the exit code where the scheduler
     * still knows it. Every id asked for is in the answer; one the scheduler no longer knows has state
     * {@link JobState#UNKNOWN}.
     */
    Map<String, JobState> jobs(Collection<String> ids);

    /** Cancels jobs; ids of jobs that already ended are passed over. */
    void cancel(Collection<String> ids);

    /**
     * One job to submit: a batch script run on one node.
     *
     * @param node    the node it is pinned to
     * @param options the scheduler's options, e.g. {@code --nodelist=node1 --exclusive ...}
     * @param script  the batch script
     * @param log     the file the job's output goes to (the scheduler substitutes the job id where the options say)
     */
    record Submission(String node, List<String> options, String script, String log) {
        public Submission {
            options = List.copyOf(options);
        }

        /** The log file of the job with this id. */
        public String logOf(String jobId) {
            return log.replace(SlurmScheduler.JOB_ID_PATTERN, jobId);
        }
    }

    /**
     * A node and its state as the scheduler reports it.
     *
     * @param name   the node name
     * @param state  the scheduler's state, e.g. "idle", "mixed", "drained", "down*"
     * @param reason why an administrator or the scheduler took it out of service, or null
     */
    record NodeState(String name, String state, String reason) {
        private static final List<String> IN_SERVICE = List.of("idle", "mixed", "allocated", "alloc", "mix",
                "completing", "comp", "planned", "plnd");

        /**
         * True when a job pinned to it can start: idle, mixed, allocated, completing or planned, and responding.
         * Down, drained, draining, failing, in maintenance, not responding ("*") or powered down ("~") nodes are
         * not.
         */
        public boolean inService() {
            String s = state.toLowerCase(java.util.Locale.ROOT);
            if (s.contains("*") || s.contains("~") || s.contains("drain") || s.contains("down") || s.contains("fail")
                    || s.contains("maint")) {
                return false;
            }
            String base = s.replaceAll("[^a-z_].*$", "");
            return IN_SERVICE.contains(base);
        }

        /** The state with its reason, e.g. "drained (disk errors)". */
        public String describe() {
            return reason == null || reason.isBlank() || reason.equals("none") ? state : state + " (" + reason + ")";
        }
    }

    /**
     * A job's state.
     *
     * @param id       the job id
     * @param state    the scheduler's state, e.g. "PENDING", "RUNNING", "COMPLETED", "FAILED", "TIMEOUT",
     *                 "CANCELLED", "NODE_FAIL"; {@link #UNKNOWN} when the scheduler no longer knows the job
     * @param reason   why it waits or ended, or null
     * @param exitCode the batch script's exit code once ended, or null when unknown
     * @param signal   the signal that ended it, or null (0 when none)
     */
    record JobState(String id, String state, String reason, Integer exitCode, Integer signal) {
        /** The state of a job the scheduler no longer knows. */
        public static final String UNKNOWN = "UNKNOWN";
        private static final List<String> QUEUED = List.of("PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED",
                "RESV_DEL_HOLD");
        private static final List<String> STARTED = List.of("RUNNING", "CONFIGURING", "COMPLETING", "SUSPENDED",
                "STOPPED", "SIGNALING", "STAGE_OUT", "RESIZING");

        /** True while queued: it has not started. */
        public boolean pending() {
            return QUEUED.contains(baseState());
        }

        /** True while it runs (or is configuring, suspended, being signalled or finishing). */
        public boolean running() {
            return STARTED.contains(baseState());
        }

        /** True once it has ended, whatever the outcome; a job the scheduler no longer knows counts as ended. */
        public boolean ended() {
            return !pending() && !running();
        }

        /** The state without what follows it, e.g. "CANCELLED" for sacct's "CANCELLED by 0". */
        public String baseState() {
            return state.split("[ +]", 2)[0];
        }

        /** True when it ended normally with exit code 0. */
        public boolean succeeded() {
            return baseState().equals("COMPLETED") && (exitCode == null || exitCode == 0);
        }
    }
}
