package dev.flopcal.cli;

import static dev.flopcal.fleet.FakeScheduler.ended;
import static dev.flopcal.fleet.FakeScheduler.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.flopcal.fleet.FakeScheduler;
import dev.flopcal.fleet.FleetReport;
import dev.flopcal.fleet.SlurmScheduler;

/** {@code calibrate fleet}, in-process, against a scheduler in memory. */
class FleetCommandTest {
    @TempDir
    Path tmp;
    private String home;
    private Path dir;

    @BeforeEach
    void setUp() {
        home = System.getProperty("flopcal.home");
        System.setProperty("flopcal.home", "/opt/flopcal");
        dir = tmp.resolve("fleet");
    }

    @AfterEach
    void tearDown() {
        if (home == null) {
            System.clearProperty("flopcal.home");
        } else {
            System.setProperty("flopcal.home", home);
        }
        FleetCommand.schedulers = SlurmScheduler::installed;
    }

    private FakeScheduler fake(String... nodes) {
        FakeScheduler f = new FakeScheduler(dir, nodes);
        FleetCommand.schedulers = () -> f;
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--nodes 2|fleet needs a batch scheduler: --slurm",
        "--slurm --nodes 2 --nodelist a,b|mutually exclusive",
        "--slurm|give --nodes N",
        "--slurm --nodes 0|--nodes 0 is not a positive number",
        "--slurm --nodes 2 --time-limit 2h|--time-limit '2h' is not a Slurm time",
        "--slurm --nodes 2 --sizes 0|size 0 is not positive",
        "--slurm --nodes 2 --precisions tf32|'tf32' has no CPU kernel",
        "--slurm --nodes 2 --sbatch-args --comment='x|unclosed single quote",
        "--slurm --retry-failed --quick|leave out the calibration flags",
        "--slurm --retry-failed|fleet-report.json does not exist",
    })
    void badInputExitsTwoAndSubmitsAndWritesNothing(String args, String message) {
        FakeScheduler f = fake("a", "b");
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("fleet", "--results", dir.toString()));
        argv.addAll(java.util.List.of(args.split(" ")));
        Cli r = Cli.run(argv.toArray(String[]::new));
        assertEquals(ExitCodes.BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertEquals(0, f.submitted.size());
        assertFalse(Files.exists(dir), "nothing written");
    }

    @Test
    void aMissingSbatchOrControllerExitsTwoNamingIt() {
        FakeScheduler f = fake("a");
        f.missing = "sbatch is not installed (not found on PATH)";
        Cli r = Cli.run("fleet", "--slurm", "--results", dir.toString(), "--nodelist", "a", "--quick");
        assertEquals(ExitCodes.BAD_INPUT, r.exit());
        assertEquals("calibrate: sbatch is not installed (not found on PATH)\n", r.err());
        assertFalse(Files.exists(dir));
    }

    @Test
    void aDryRunPrintsTheScriptAndTheSubmissionsAndSubmitsNothing() {
        FakeScheduler f = fake("node1", "node2");
        f.missing = "a dry run does not need the controller";
        Cli r = Cli.run("fleet", "--slurm", "--dry-run", "--results", dir.toString(), "--nodelist", "node1,node2",
                "--quick", "--precisions", "fp32", "--sizes", "64,96", "--partition", "batch",
                "--sbatch-args", "--account=ml --comment='acceptance run'");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("exec /opt/flopcal/calibrate --quick --precisions fp32 --sizes 64,96 --out " + dir),
                r.out());
        assertTrue(r.out().contains("sbatch --job-name=flopcal-node2 --nodes=1 --ntasks=1 --exclusive --nodelist=node2"
                + " --output=" + dir.resolve("logs/node2-%j.log") + " --partition=batch --account=ml"
                + " '--comment=acceptance run' < SCRIPT"), r.out());
        assertEquals(0, f.submitted.size());
        assertFalse(Files.exists(dir));
    }

    @Test
    void aRunWithAFailedNodeExitsOneWithTheCountAndKeepsEverythingElse() throws Exception {
        FakeScheduler f = fake("node1", "node2", "node3")
                .job("node1", 300e9, ended("COMPLETED", 0, 0))
                .job("node2", 200e9, new dev.flopcal.fleet.Scheduler.JobState("", "FAILED", "NonZeroExitCode", 1, 0))
                .job("node3", 301e9, ended("COMPLETED", 0, 0));
        Cli r = Cli.run("fleet", "--slurm", "--results", dir.toString(), "--nodelist", "node1,node2,node3", "--quick");
        assertEquals(ExitCodes.FAILURE, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("[1 done, 1 failed, 0 running, 1 pending] node2 (job 101): failed, calibrate exited"
                + " with 1; log " + dir.resolve("logs/node2-101.log")), r.out());
        assertTrue(r.out().contains("1 of 3 nodes failed; the others' profiles are kept. Resubmit the failed ones with:"
                + " ./calibrate fleet --slurm --results " + dir + " --retry-failed"), r.out());
        FleetReport report = FleetReport.read(dir.resolve("fleet-report.json"));
        assertEquals(1, report.failed());
        for (String f2 : new String[] {"fleet-report.md", "fleet-fp32.png", "fleet-fp32.svg", "README.md",
                "profiles/cpu-test-node1-100.json", "profiles/cpu-test-node3-102.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f2)), f2);
        }
        assertTrue(Files.readString(dir.resolve("README.md")).contains("## Fleet calibration"));

        // the retry resubmits node2 alone, measuring as before
        FakeScheduler again = fake("node1", "node2", "node3").job("node2", 299e9, state("RUNNING"),
                ended("COMPLETED", 0, 0));
        r = Cli.run("fleet", "--slurm", "--results", dir.toString(), "--retry-failed");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertEquals(1, again.submitted.size());
        assertTrue(again.submitted.get(0).script().contains("--quick"));
        assertEquals(0, FleetReport.read(dir.resolve("fleet-report.json")).failed());
        r = Cli.run("fleet", "--slurm", "--results", dir.toString(), "--retry-failed");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("Nothing to retry"), r.out());
    }

    @Test
    void withoutTheLauncherTheCommandSaysHowToStartIt() {
        System.clearProperty("flopcal.home");
        Cli r = Cli.run("fleet", "--slurm", "--results", dir.toString(), "--nodes", "1");
        assertEquals(ExitCodes.BAD_INPUT, r.exit());
        assertTrue(r.err().contains("start it as ./calibrate fleet"), r.err());
    }
}
