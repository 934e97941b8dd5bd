package dev.flopcal.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;
import dev.flopcal.fleet.BatchScript;
import dev.flopcal.fleet.FleetCalibration;
import dev.flopcal.fleet.FleetReport;
import dev.flopcal.fleet.FleetRequest;
import dev.flopcal.fleet.NodeCalibration;
import dev.flopcal.fleet.Scheduler;
import dev.flopcal.fleet.SlurmScheduler;
import dev.flopcal.measurement.Mode;
import dev.flopcal.reporting.FleetReportFiles;
import dev.flopcal.reporting.FleetReportView;

/**
 * {@code calibrate fleet --slurm}: calibrates every node of a cluster through Slurm and writes the fleet report.
 * Maps the options onto {@link FleetCalibration} and {@link FleetReportFiles}.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Calibrates many nodes of a cluster through its batch scheduler (Slurm): one exclusive"
                + " single-node job per node, each running ./calibrate on its node and writing its profile and raw"
                + " results under --results DIR, a directory every node can write (a shared filesystem). Shows each"
                + " node's progress, then writes DIR/fleet-report.json, DIR/fleet-report.md and a chart per precision,"
                + " and regenerates DIR/README.md, the index.",
                "A node below the fleet median by more than both its own interval and 3 × 1.4826 × MAD is marked"
                        + " suspect, with the reason.",
                "Exit codes: 0 every node done; 1 some node failed (the report names each, with its exit code and log;"
                        + " --retry-failed resubmits them); 2 bad input, sbatch missing or the controller unreachable"
                        + " (nothing submitted); 130 interrupted (the jobs still queued or running are cancelled)."})
public final class FleetCommand implements Callable<Integer> {
    /** The scheduler the command drives; tests put one in memory here. */
    static java.util.function.Supplier<Scheduler> schedulers = SlurmScheduler::installed;

    @Spec
    CommandSpec spec;

    @Option(names = "--slurm", description = "Submit through Slurm (sbatch, squeue, sacct, scancel); required, the only"
            + " scheduler supported.")
    boolean slurm;

    @Option(names = "--results", paramLabel = "DIR", description = "Where every node writes profiles/ and raw/ and the"
            + " report goes: a directory every node can write (a shared filesystem on a cluster). Required.")
    Path results;

    @Option(names = "--partition", paramLabel = "P", description = "The partition to run in (default: Slurm's default).")
    String partition;

    @ArgGroup(exclusive = true)
    Which which = new Which();

    static final class Which {
        @Option(names = "--nodes", paramLabel = "N", description = "Calibrate the first N nodes of the partition that"
                + " are in service (not down, drained or failing).")
        Integer nodes;

        @Option(names = "--nodelist", paramLabel = "LIST", description = "Calibrate these nodes, e.g. node1,node2 or"
                + " node[1-8] (a node out of service is reported failed, not submitted).")
        String nodeList;
    }

    @Option(names = "--time-limit", paramLabel = "TIME", description = "Each node task's time limit, in Slurm's format"
            + " (minutes, HH:MM:SS, D-HH:MM; default: the partition's).")
    String timeLimit;

    @Option(names = "--sbatch-args", paramLabel = "\"...\"", description = "Site options added to every submission,"
            + " e.g. \"--account=ml --qos=acceptance\" (quotes group words as in a shell).")
    String sbatchArgs;

    @ArgGroup(exclusive = true)
    Speed speed = new Speed();

    static final class Speed {
        @Option(names = "--quick", description = "Each node: about 1.5 minutes on 2 cores (see calibrate --quick).")
        boolean quick;

        @Option(names = "--full", description = "Each node: publication quality (at most about 20 minutes).")
        boolean full;
    }

    @Option(names = "--precisions", paramLabel = "LIST", split = ",", hideParamSyntax = true,
            converter = Converters.PrecisionElement.class, description = "GEMM precisions each node measures, from"
            + " fp64,fp32,bf16,fp16,int8 (default: all five).")
    List<Precision> precisions;

    @Option(names = "--sizes", paramLabel = "LIST", split = ",", hideParamSyntax = true,
            converter = Converters.IntegerElement.class, description = "Square GEMM sizes n (default: the mode's).")
    List<Integer> sizes;

    @Option(names = "--threads", paramLabel = "LIST", split = ",", hideParamSyntax = true,
            converter = Converters.IntegerElement.class, description = "Thread counts, each at most every node's"
            + " hardware threads (default: the mode's).")
    List<Integer> threads;

    @Option(names = "--retry-failed", description = "Resubmit only the nodes DIR/fleet-report.json names as failed,"
            + " measuring as that run did, and merge them into the report.")
    boolean retryFailed;

    @Option(names = "--dry-run", description = "Print the batch script and the sbatch commands; submit nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!slurm) {
            throw new InvalidInputException("fleet needs a batch scheduler: --slurm (the only one supported)");
        }
        boolean calibrationFlags = speed.quick || speed.full || precisions != null || sizes != null || threads != null;
        Mode mode = speed.quick ? Mode.QUICK : speed.full ? Mode.FULL : Mode.DEFAULT;
        Path launcher = Paths.launcher().orElseThrow(() -> new InvalidInputException("fleet runs the calibrate launcher"
                + " on every node: start it as ./calibrate fleet, from a flopcal checkout on the shared filesystem"));
        FleetRequest request = new FleetRequest(results == null ? null : results.toAbsolutePath().normalize(), partition,
                which.nodes, which.nodeList, timeLimit, FleetRequest.splitOptions(sbatchArgs),
                retryFailed && !calibrationFlags ? null : NodeCalibration.of(mode, precisions, sizes, threads), launcher,
                retryFailed);
        Scheduler scheduler = schedulers.get();
        FleetCalibration.Plan plan = FleetCalibration.plan(request, scheduler, dryRun);
        if (dryRun) {
            out.println("flopcal fleet (dry run, nothing submitted): " + plan.nodes().size() + " node task"
                    + (plan.nodes().size() == 1 ? "" : "s") + ", results under " + request.resultsDir());
            out.println();
            out.println("Batch script (the same for every node):");
            out.println();
            out.print(plan.script());
            out.println();
            out.println("Submissions:");
            plan.submissions().forEach(s -> out.println("  " + BatchScript.sbatchLine(s)));
            return ExitCodes.OK;
        }
        if (plan.nodes().isEmpty() && plan.notSubmitted().isEmpty()) {
            out.println("Nothing to retry: every node of " + plan.reportFile() + " is done.");
            return ExitCodes.OK;
        }
        out.println("flopcal fleet: calibrating " + (plan.nodes().size() + plan.notSubmitted().size()) + " node"
                + (plan.nodes().size() + plan.notSubmitted().size() == 1 ? "" : "s") + " through Slurm"
                + (plan.previous() != null ? " (retrying the failed nodes of " + plan.reportFile() + ")" : "")
                + "; each runs: calibrate " + String.join(" ", plan.settings().calibration().arguments()));
        out.println("Results under " + request.resultsDir() + " (every node must reach it: a shared filesystem)");
        out.flush();
        FleetCalibration.Listener listener = new FleetCalibration.Listener() {
            @Override
            public void progress(FleetCalibration.NodeProgress p, FleetCalibration.Counts c) {
                out.println(FleetReportView.progressLine(p, c));
                out.flush();
            }

            @Override
            public void cancelling(List<String> jobIds) {
                out.println("interrupted: cancelling job" + (jobIds.size() == 1 ? " " : "s ") + String.join(", ", jobIds)
                        + " (scancel)");
                out.flush();
            }
        };
        FleetReport report;
        try {
            report = FleetCalibration.run(plan, scheduler, listener, Thread::sleep, FleetCalibration.POLL_MILLIS);
        } catch (CancellationException e) {
            spec.commandLine().getErr().println("calibrate: " + e.getMessage());
            return ExitCodes.INTERRUPTED;
        }
        List<Path> written = FleetReportFiles.write(report, request.resultsDir());
        out.println();
        out.print(FleetReportView.text(report));
        out.println();
        out.println("Report: " + plan.reportFile());
        written.forEach(p -> out.println("        " + p));
        if (report.failed() > 0) {
            out.println();
            out.println(report.failed() + " of " + report.nodes().size() + " nodes failed; the others' profiles are kept."
                    + " Resubmit the failed ones with: ./calibrate fleet --slurm --results " + request.resultsDir()
                    + " --retry-failed");
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }
}
