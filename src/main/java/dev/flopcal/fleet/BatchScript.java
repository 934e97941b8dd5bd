package dev.flopcal.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The batch script of a fleet's node task and the options it is submitted with. Each node gets one exclusive
 * single-node job pinned to it ({@code --nodelist}), as HPC test harnesses distribute a benchmark over nodes
 * (ReFrame's {@code --distribute}); a node that fails, is drained or goes down takes only its own job with it.
 */
public final class BatchScript {
    private BatchScript() {
    }

    /**
     * The script: runs {@code launcher} with the calibration flags, writing under {@code resultsDir}, and names the
     * node and the job from Slurm's environment ({@code SLURMD_NODENAME}, {@code SLURM_JOB_ID}) so that the profile
     * records them and its id cannot collide with another node's. The launcher replaces the shell, so the scheduler's
     * signals (scancel, a time limit) reach calibrate, which then leaves no partial file.
     */
    public static String script(Path launcher, Path resultsDir, NodeCalibration calibration) {
        List<String> command = new ArrayList<>();
        command.add(quote(launcher.toString()));
        calibration.arguments().forEach(a -> command.add(quote(a)));
        command.add("--out");
        command.add(quote(resultsDir.toString()));
        return """
                #!/bin/bash
                # flopcal fleet calibration: one node's task, submitted by 'calibrate fleet --slurm' once per node,
                # pinned to its node and exclusive. It calibrates the node it runs on and writes the profile and the
                # raw results under the fleet's results directory, which every node reaches (a shared filesystem).
                set -u
                exec %s \\
                    --node "${SLURMD_NODENAME:?not in a Slurm job}" --job-id "${SLURM_JOB_ID:?not in a Slurm job}"
                """.formatted(String.join(" ", command));
    }

    /**
     * The options of one node's submission: job name, one node, one task, the whole node, pinned to the node, the
     * log under {@code logDir}, then the partition, the time limit and the site's options.
     */
    public static List<String> options(String node, Path logDir, String partition, String timeLimit,
                                       List<String> sbatchArgs) {
        List<String> o = new ArrayList<>(List.of("--job-name=" + FleetCalibration.JOB_NAME_PREFIX + node, "--nodes=1",
                "--ntasks=1", "--exclusive", "--nodelist=" + node, "--output=" + log(logDir, node)));
        if (partition != null) {
            o.add("--partition=" + partition);
        }
        if (timeLimit != null) {
            o.add("--time=" + timeLimit.strip());
        }
        o.addAll(sbatchArgs);
        return o;
    }

    /** A node task's log file, with Slurm's placeholder for the job id. */
    public static String log(Path logDir, String node) {
        return logDir.resolve(node + "-" + SlurmScheduler.JOB_ID_PATTERN + ".log").toString();
    }

    /** The sbatch command line that submits a node's task, as a shell would take it (for --dry-run). */
    public static String sbatchLine(Scheduler.Submission s) {
        return "sbatch " + s.options().stream().map(BatchScript::quote).collect(Collectors.joining(" "))
                + " < SCRIPT";
    }

    /** A word for the shell: as is when it is plain, else in single quotes. */
    static String quote(String word) {
        return word.matches("[A-Za-z0-9_./=:,%+@-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
