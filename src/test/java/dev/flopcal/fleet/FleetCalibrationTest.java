package dev.flopcal.fleet;

import static dev.flopcal.fleet.FakeScheduler.ended;
import static dev.flopcal.fleet.FakeScheduler.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.fleet.Scheduler.NodeState;

/** A fleet run against a scheduler in memory: submissions, progress, faults, retries, interruption. */
class FleetCalibrationTest {
    @TempDir
    Path tmp;

    private Path dir() {
        return tmp.resolve("fleet");
    }

    private FleetRequest request(String nodeList) {
        return new FleetRequest(dir(), "batch", null, nodeList, "30", List.of("--account=ml"), FleetRequestTest.QUICK,
                FleetRequestTest.LAUNCHER, false);
    }

    private final List<String> lines = new ArrayList<>();
    private final FleetCalibration.Listener listener = new FleetCalibration.Listener() {
        @Override
        public void progress(FleetCalibration.NodeProgress p, FleetCalibration.Counts c) {
            lines.add(p.node() + " " + p.phase() + " " + c.done() + "/" + c.failed());
        }
    };

    private FleetReport run(FleetRequest request, FakeScheduler scheduler) throws Exception {
        FleetCalibration.Plan plan = FleetCalibration.plan(request, scheduler, false);
        return FleetCalibration.run(plan, scheduler, listener, millis -> { }, 0);
    }

    @Test
    void everyNodeIsSubmittedPinnedAndExclusiveAndItsProfileCollected() throws Exception {
        FakeScheduler s = new FakeScheduler(dir(), "node1", "node2", "node3")
                .job("node1", 300e9, state("PENDING"), state("RUNNING"), ended("COMPLETED", 0, 0))
                .job("node2", 302e9, state("RUNNING"), ended("COMPLETED", 0, 0))
                .job("node3", 240e9, state("RUNNING"), state("RUNNING"), ended("COMPLETED", 0, 0));
        FleetReport r = run(request("node1,node2,node3"), s);

        assertEquals(List.of("--job-name=flopcal-node2", "--nodes=1", "--ntasks=1", "--exclusive", "--nodelist=node2",
                "--output=" + dir().resolve("logs/node2-%j.log"), "--partition=batch", "--time=30", "--account=ml"),
                s.submitted.get(1).options());
        String script = s.submitted.get(0).script();
        assertTrue(script.contains("exec /opt/flopcal/calibrate --quick --precisions fp32 --sizes 64,96 --out "
                + dir()), script);
        assertTrue(script.contains("--node \"${SLURMD_NODENAME:?not in a Slurm job}\" --job-id \"${SLURM_JOB_ID:?"),
                script);
        assertTrue(Files.isDirectory(dir().resolve("logs")), "Slurm writes the logs there: it must exist");

        assertEquals(0, r.failed());
        assertEquals(List.of("node1", "node2", "node3"), r.nodes().stream().map(FleetReport.NodeResult::node).toList());
        FleetReport.NodeResult n1 = r.nodes().get(0);
        assertEquals("100", n1.jobId());
        assertEquals("done", n1.outcome());
        assertEquals("profiles/cpu-test-node1-100.json", n1.profile());
        assertEquals("logs/node1-100.log", n1.log());
        FleetReport.PrecisionSummary fp32 = r.precisions().get("fp32");
        assertEquals(300e9, fp32.median());
        assertEquals(List.of("node3"), fp32.suspects().stream().map(NodeFigure::node).toList());
        assertEquals("jmh99.9", fp32.figures().get(0).interval());
        assertEquals(FleetReport.read(dir().resolve("fleet-report.json")), r, "the report written is the one returned");
        assertTrue(lines.contains("node1 RUNNING 0/0"), lines.toString());
        assertEquals("node3 DONE 3/0", lines.get(lines.size() - 1));
    }

    @Test
    void failedTimedOutCancelledAndDownedNodesAreNamedAndTheOthersKept() throws Exception {
        FakeScheduler s = new FakeScheduler(dir(), "a", "b", "c", "d", "e", "f")
                .job("a", 300e9, state("RUNNING"), ended("COMPLETED", 0, 0))
                .job("b", 300e9, state("RUNNING"), new Scheduler.JobState("", "FAILED", "NonZeroExitCode", 1, 0))
                .job("c", 300e9, state("RUNNING"), ended("TIMEOUT", 0, 15))
                .job("d", 300e9, state("RUNNING"), new Scheduler.JobState("", "NODE_FAIL", "NodeDown", 0, 15))
                .job("e", 300e9, state("RUNNING"), ended("CANCELLED by 0", 0, 15))
                .job("f", 300e9, state("RUNNING"), ended("COMPLETED", 0, 0));
        s.silent.add("f");
        FleetReport r = run(request("a,b,c,d,e,f"), s);

        assertEquals(5, r.failed());
        assertEquals(List.of("b", "c", "d", "e", "f"), r.failedNodes().stream().map(FleetReport.NodeResult::node)
                .toList());
        FleetReport.NodeResult b = r.node("b").orElseThrow();
        assertEquals("calibrate exited with 1", b.reason());
        assertEquals(1, b.exitCode());
        assertEquals("logs/b-101.log", b.log());
        assertEquals("the job reached its time limit, signal 15", r.node("c").orElseThrow().reason());
        assertEquals("the node failed while the job ran (NodeDown), signal 15", r.node("d").orElseThrow().reason());
        assertEquals("the job was cancelled, signal 15", r.node("e").orElseThrow().reason());
        assertTrue(r.node("f").orElseThrow().reason().startsWith("the job completed but left no profile of node f and"
                + " job 105 under "), r.node("f").orElseThrow().reason());
        assertNull(r.node("f").orElseThrow().profile());
        // the survivor's profile is kept and compared
        assertEquals("profiles/cpu-test-a-100.json", r.node("a").orElseThrow().profile());
        assertTrue(Files.isRegularFile(dir().resolve("profiles/cpu-test-a-100.json")));
        assertEquals(1, r.precisions().get("fp32").nodes());
    }

    @Test
    void aJobWaitingOnANodeTakenOutOfServiceIsCancelledAndTheNodeNamed() throws Exception {
        FakeScheduler s = new FakeScheduler(dir(), "node1", "node2")
                .job("node1", 300e9, state("RUNNING"), state("RUNNING"), ended("COMPLETED", 0, 0))
                .job("node2", 300e9, new Scheduler.JobState("", "PENDING", "Resources", null, null));
        s.changes.put(2, new NodeState("node2", "drained", "flopcal test"));
        FleetReport r = run(request("node1,node2"), s);

        assertEquals(List.of("101"), s.cancelled);
        FleetReport.NodeResult n2 = r.node("node2").orElseThrow();
        assertEquals("failed", n2.outcome());
        assertEquals("CANCELLED", n2.state());
        assertEquals("the node is drained (flopcal test) while the job waited: cancelled by flopcal", n2.reason());
        assertTrue(r.node("node1").orElseThrow().done());
        assertEquals(1, r.failed());
    }

    @Test
    void namedNodesOutOfServiceAreFailedWithoutAJobAndUnknownOnesRefused() throws Exception {
        FakeScheduler s = new FakeScheduler(dir(), "node1", "node2")
                .job("node1", 300e9, ended("COMPLETED", 0, 0));
        s.nodes.put("node2", new NodeState("node2", "down*", "Not responding"));
        FleetReport r = run(request("node2,node1"), s);
        assertEquals(1, s.submitted.size());
        assertEquals(List.of("node2", "node1"), r.nodes().stream().map(FleetReport.NodeResult::node).toList());
        FleetReport.NodeResult n2 = r.nodes().get(0);
        assertEquals(FleetCalibration.NOT_SUBMITTED, n2.state());
        assertEquals("not submitted: the node is down* (Not responding)", n2.reason());
        assertNull(n2.jobId());
        assertNull(n2.log());

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FleetCalibration.plan(request("node1,node7"), s, false));
        assertEquals("unknown node 'node7': Slurm does not list it (sinfo --nodes=node7)", e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> FleetCalibration.plan(request("node1,node1"), s, false));
        assertEquals("node 'node1' is named twice in --nodelist", e.getMessage());
    }

    @Test
    void nodesByCountAreTheFirstInService() {
        FakeScheduler s = new FakeScheduler(dir(), "n1", "n2", "n3", "n4");
        s.nodes.put("n2", new NodeState("n2", "drained", "fan"));
        FleetRequest three = new FleetRequest(dir(), null, 3, null, null, List.of(), FleetRequestTest.QUICK,
                FleetRequestTest.LAUNCHER, false);
        assertEquals(List.of("n1", "n3", "n4"), FleetCalibration.plan(three, s, false).nodes());
        FleetRequest four = new FleetRequest(dir(), "batch", 4, null, null, List.of(), FleetRequestTest.QUICK,
                FleetRequestTest.LAUNCHER, false);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FleetCalibration.plan(four, s, false));
        assertEquals("--nodes 4: partition 'batch' has only 3 nodes in service (n1, n3, n4); out of service: n2"
                + " drained (fan)", e.getMessage());
    }

    @Test
    void aRefusedSubmissionWritesNothing() {
        FakeScheduler s = new FakeScheduler(dir(), "node1").job("node1", 1e11, ended("COMPLETED", 0, 0));
        s.refuse = "invalid partition specified: batch";
        FleetCalibration.Plan plan = FleetCalibration.plan(request("node1"), s, false);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FleetCalibration.run(plan, s, listener, millis -> { }, 0));
        assertEquals("sbatch refuses the node task for node1: invalid partition specified: batch", e.getMessage());
        assertFalse(Files.exists(dir()), "nothing written");
        assertEquals(List.of(), s.submitted);
    }

    @Test
    void retryResubmitsOnlyTheFailedNodesAndMergesThem() throws Exception {
        FakeScheduler first = new FakeScheduler(dir(), "node1", "node2", "node3")
                .job("node1", 300e9, ended("COMPLETED", 0, 0))
                .job("node2", 301e9, ended("TIMEOUT", 0, 15))
                .job("node3", 299e9, ended("COMPLETED", 0, 0));
        FleetReport was = run(request("node1,node2,node3"), first);
        assertEquals(1, was.failed());

        FakeScheduler again = new FakeScheduler(dir(), "node1", "node2", "node3")
                .job("node2", 240e9, state("RUNNING"), ended("COMPLETED", 0, 0));
        again.nextId = 200;
        FleetRequest retry = new FleetRequest(dir(), null, null, null, "60", List.of(), null,
                FleetRequestTest.LAUNCHER, true);
        FleetCalibration.Plan plan = FleetCalibration.plan(retry, again, false);
        assertEquals(List.of("node2"), plan.nodes());
        assertEquals("60", plan.settings().timeLimit(), "a scheduling option given now wins");
        assertEquals("batch", plan.settings().partition(), "the others are the retried run's");
        assertEquals(FleetRequestTest.QUICK, plan.settings().calibration());
        FleetReport r = FleetCalibration.run(plan, again, listener, millis -> { }, 0);

        assertEquals(0, r.failed());
        assertEquals(List.of("100", "200", "102"), r.nodes().stream().map(FleetReport.NodeResult::jobId).toList());
        assertEquals(3, r.precisions().get("fp32").nodes());
        assertEquals(List.of("node2"), r.precisions().get("fp32").suspects().stream().map(NodeFigure::node).toList(),
                "240 G against 300 and 299: the retried node is compared with the kept ones");
        assertTrue(FleetCalibration.plan(retry, again, false).nodes().isEmpty(), "nothing left to retry");
    }

    @Test
    void retryWithoutAReportIsRefused() {
        FleetRequest retry = new FleetRequest(dir(), null, null, null, null, List.of(), null, FleetRequestTest.LAUNCHER,
                true);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FleetCalibration.plan(retry, new FakeScheduler(dir()), false));
        assertTrue(e.getMessage().contains("fleet-report.json does not exist"), e.getMessage());
    }

    @Test
    void interruptedTheJobsNotYetEndedAreCancelledAndNoReportWritten() throws Exception {
        FakeScheduler s = new FakeScheduler(dir(), "node1", "node2")
                .job("node1", 300e9, ended("COMPLETED", 0, 0))
                .job("node2", 300e9, state("RUNNING"));
        FleetCalibration.Plan plan = FleetCalibration.plan(request("node1,node2"), s, false);
        List<String> cancelling = new ArrayList<>();
        FleetCalibration.Listener hears = new FleetCalibration.Listener() {
            @Override
            public void cancelling(List<String> jobIds) {
                cancelling.addAll(jobIds);
            }
        };
        assertThrows(CancellationException.class, () -> FleetCalibration.run(plan, s, hears, millis -> {
            throw new InterruptedException("Ctrl-C");
        }, 0));
        assertEquals(List.of("101"), s.cancelled, "only the job still running");
        assertEquals(List.of("101"), cancelling);
        assertFalse(Files.exists(dir().resolve("fleet-report.json")));
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    }

    @Test
    void aDryRunAsksNothingOfThePlainNodeList() {
        FakeScheduler s = new FakeScheduler(dir());
        s.missing = "sbatch is not installed";
        FleetCalibration.Plan plan = FleetCalibration.plan(request("node1,node2"), s, true);
        assertEquals(List.of("node1", "node2"), plan.nodes());
        assertEquals(2, plan.submissions().size());
        assertEquals("sbatch --job-name=flopcal-node1 --nodes=1 --ntasks=1 --exclusive --nodelist=node1 --output="
                + dir().resolve("logs/node1-%j.log") + " --partition=batch --time=30 --account=ml < SCRIPT",
                BatchScript.sbatchLine(plan.submissions().get(0)));
        assertThrows(InvalidInputException.class, () -> FleetCalibration.plan(request("node1"), s, false));
    }
}
