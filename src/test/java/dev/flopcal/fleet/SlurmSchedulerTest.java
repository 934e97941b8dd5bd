package dev.flopcal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.flopcal.core.InvalidInputException;
import dev.flopcal.fleet.Scheduler.JobState;
import dev.flopcal.fleet.Scheduler.NodeState;

/** Slurm's commands as they answer (outputs taken from slurm-wlm 22.05 on Debian 12), played back. */
class SlurmSchedulerTest {
    /** Answers by the command's first words; records every command and its standard input. */
    static final class Canned implements CommandRunner {
        final Map<String, Result> answers = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        final List<String> inputs = new ArrayList<>();

        Canned answer(String prefix, int exit, String out, String err) {
            answers.put(prefix, new Result(exit, out, err));
            return this;
        }

        @Override
        public Result run(List<String> command, String stdin) throws IOException {
            String line = String.join(" ", command);
            calls.add(line);
            inputs.add(stdin);
            return answers.entrySet().stream().filter(e -> line.startsWith(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElseThrow(() -> new IOException("Cannot run program \"" + command.get(0) + "\""));
        }
    }

    private static SlurmScheduler slurm(Canned canned, String... missing) {
        return new SlurmScheduler(canned, c -> !Set.of(missing).contains(c));
    }

    @Test
    void aMissingSbatchIsNamed() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> slurm(new Canned(), "sbatch").check());
        assertTrue(e.getMessage().startsWith("sbatch is not installed (not found on PATH)"), e.getMessage());
    }

    @Test
    void anUnreachableControllerIsNamed() {
        Canned c = new Canned().answer("scontrol ping", 1, "Slurmctld(primary) at vm is DOWN\n*****\n", "");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> slurm(c).check());
        assertTrue(e.getMessage().startsWith("the Slurm controller is unreachable: 'scontrol ping' says"
                + " Slurmctld(primary) at vm is DOWN"), e.getMessage());
        slurm(new Canned().answer("scontrol ping", 0, "Slurmctld(primary) at vm is UP\n", "")).check();
    }

    @Test
    void nodesAreListedOnceWithTheirStates() {
        Canned c = new Canned().answer("sinfo", 0, "node1|idle|none\nnode2|drained|disk errors\nnode1|idle|none\n"
                + "node3|down*|Not responding\nnode4|mixed|none\n", "");
        List<NodeState> nodes = slurm(c).nodes("batch");
        assertEquals(List.of("node1", "node2", "node3", "node4"), nodes.stream().map(NodeState::name).toList());
        assertEquals(List.of(true, false, false, true), nodes.stream().map(NodeState::inService).toList());
        assertEquals("drained (disk errors)", nodes.get(1).describe());
        assertEquals("sinfo --noheader --Node --format=%N|%T|%E --partition=batch", c.calls.get(0));
        for (String s : List.of("idle*", "draining", "drained", "down", "fail", "failing", "maint", "idle~", "future")) {
            assertFalse(new NodeState("n", s, null).inService(), s);
        }
        for (String s : List.of("idle", "mixed", "allocated", "completing", "planned", "idle#", "mixed@")) {
            assertTrue(new NodeState("n", s, null).inService(), s);
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> slurm(new Canned().answer("sinfo", 0, "", "")).nodes("nosuch"));
        assertTrue(e.getMessage().contains("partition 'nosuch' has no nodes"), e.getMessage());
    }

    @Test
    void bracketedNodeListsAreExpandedBySlurm() {
        Canned c = new Canned().answer("scontrol show hostnames", 0, "node1\nnode2\nx\n", "");
        assertEquals(List.of("node1", "node2", "x"), slurm(c).expand("node[1-2],x"));
        assertEquals(List.of("a", "b"), slurm(new Canned()).expand("a, b"));
    }

    @Test
    void submissionsGoOnStandardInputAndReturnTheJobId() {
        Canned c = new Canned().answer("sbatch --parsable", 0, "4711;cluster\n", "")
                .answer("sbatch --test-only", 1, "", "sbatch: error: invalid partition specified: bogus\n");
        Scheduler.Submission s = new Scheduler.Submission("node1", List.of("--nodelist=node1"), "#!/bin/bash\n",
                "/d/logs/node1-%j.log");
        assertEquals("4711", slurm(c).submit(s));
        assertEquals("sbatch --parsable --nodelist=node1", c.calls.get(0));
        assertEquals("#!/bin/bash\n", c.inputs.get(0));
        assertEquals("/d/logs/node1-4711.log", s.logOf("4711"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> slurm(c).test(s));
        assertEquals("sbatch refuses the node task for node1: sbatch: error: invalid partition specified: bogus",
                e.getMessage());
    }

    @Test
    void jobsEndedAreAskedOfSacct() {
        Canned c = new Canned()
                .answer("squeue", 0, "11|RUNNING|None\n12|PENDING|Resources\n13|FAILED|NonZeroExitCode\n", "")
                .answer("sacct", 0, "13|FAILED|1:0|None\n14|TIMEOUT|0:15|None\n15|CANCELLED by 0|0:15|None\n", "");
        Map<String, JobState> jobs = slurm(c).jobs(List.of("11", "12", "13", "14", "15"));
        assertEquals(new JobState("11", "RUNNING", null, null, null), jobs.get("11"));
        assertTrue(jobs.get("12").pending());
        assertEquals("Resources", jobs.get("12").reason());
        assertEquals(new JobState("13", "FAILED", null, 1, 0), jobs.get("13"));
        assertEquals(new JobState("14", "TIMEOUT", null, 0, 15), jobs.get("14"));
        assertEquals("CANCELLED", jobs.get("15").baseState());
        assertTrue(jobs.get("15").ended());
        assertEquals("sacct --noheader --parsable2 --allocations --jobs=13,14,15 --format=JobIDRaw,State,ExitCode,Reason",
                c.calls.get(1));
    }

    @Test
    void withoutAccountingTheControllerIsAskedAndForgottenJobsAreUnknown() {
        Canned c = new Canned()
                .answer("squeue", 0, "21|COMPLETED|None\n", "")
                .answer("sacct", 1, "", "Slurm accounting storage is disabled\n")
                .answer("scontrol --oneliner show job 21", 0, "JobId=21 JobName=flopcal-node1 UserId=root(0)"
                        + " JobState=COMPLETED Reason=None Dependency=(null) ExitCode=0:0 NodeList=node1\n", "")
                .answer("scontrol --oneliner show job 22", 0, "JobId=22 JobState=NODE_FAIL Reason=NodeDown"
                        + " ExitCode=0:15\n", "")
                .answer("scontrol --oneliner show job 23", 1, "", "slurm_load_jobs error: Invalid job id specified\n");
        SlurmScheduler slurm = slurm(c);
        Map<String, JobState> jobs = slurm.jobs(List.of("21", "22", "23"));
        assertTrue(jobs.get("21").succeeded());
        assertEquals(new JobState("22", "NODE_FAIL", "NodeDown", 0, 15), jobs.get("22"));
        assertEquals(JobState.UNKNOWN, jobs.get("23").state());
        assertTrue(jobs.get("23").ended());
        slurm.jobs(List.of("21"));
        assertEquals(1, c.calls.stream().filter(l -> l.startsWith("sacct")).count(), "sacct is asked once only");
    }

    @Test
    void squeueKnowingNoneOfTheJobsIsNoError() {
        Canned c = new Canned().answer("squeue", 1, "", "slurm_load_jobs error: Invalid job id specified\n")
                .answer("sacct", 0, "31|COMPLETED|0:0|None\n", "");
        assertTrue(slurm(c).jobs(List.of("31")).get("31").succeeded());
        Canned broken = new Canned().answer("squeue", 1, "", "squeue: error: something else\n");
        assertThrows(IllegalStateException.class, () -> slurm(broken).jobs(List.of("31")));
    }

    @Test
    void cancelNamesTheJobs() {
        Canned c = new Canned().answer("scancel", 0, "", "");
        slurm(c).cancel(List.of("41", "42"));
        assertEquals(List.of("scancel 41 42"), c.calls);
        slurm(c).cancel(List.of());
        assertEquals(1, c.calls.size());
    }
}
