package dev.flopcal.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.ProfileIO;
import dev.flopcal.profiles.ProfileVerifier;

/**
 * {@code ./calibrate fleet --slurm} on a real Slurm: Debian's slurm-wlm 22.05 and munge, started by
 * {@code .ci/slurm-cluster} as a private two-node cluster on this machine (node1 and node2, both localhost) and
 * stopped after the tests, every daemon by its pid. Each node task is a real quick calibration (fp32, n = 64 and 96,
 * about 20 s). Nothing depends on timing: the test waits for states, never for durations.
 *
 * <p>Runs where Slurm and munge are installed and the test is root (slurmd must be); {@code .ci/run} installs them
 * and sets {@code FLOPCAL_SLURM_TEST=required}, which turns a missing Slurm into a failure instead of a skip. A
 * cluster directory in {@code FLOPCAL_SLURM_DIR} is used (and stopped again by whoever set it) instead of a new one.
 */
@Tag("integration")
class SlurmFleetTest {
    private static final List<String> CALIBRATION = List.of("--quick", "--precisions", "fp32", "--sizes", "64,96");
    private static final long MINUTES = 10;
    private static Path cluster;
    /** True when the test made the cluster's directory (and removes it). */
    private static boolean ownDirectory;
    private static Map<String, String> env;
    private static Thread stopper;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startCluster() throws Exception {
        boolean required = "required".equals(System.getenv("FLOPCAL_SLURM_TEST"));
        String missing = Stream.of("munged", "mungekey", "slurmctld", "slurmd", "sbatch")
                .filter(c -> !SlurmScheduler.onPath(c)).findFirst().orElse(null);
        String why = missing != null ? missing + " is not installed (Debian: apt-get install slurm-wlm munge, as .ci/run does)"
                : !"root".equals(System.getProperty("user.name")) ? "slurmd needs root" : null;
        if (why != null) {
            if (required) {
                fail("FLOPCAL_SLURM_TEST=required, but " + why);
            }
            Assumptions.abort(why);
        }
        String given = System.getenv("FLOPCAL_SLURM_DIR");
        ownDirectory = given == null || given.isBlank();
        cluster = ownDirectory ? Files.createTempDirectory(Path.of("/tmp"), "flopcal-slurm-") : Path.of(given);
        env = Map.of("SLURM_CONF", cluster.resolve("slurm.conf").toString());
        stopper = new Thread(SlurmFleetTest::stopQuietly, "slurm-cluster-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        Result start = command(List.of("bash", ".ci/slurm-cluster", "start", cluster.toString()), Map.of());
        assertEquals(0, start.exit(), start.output());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster == null) {
            return;
        }
        Result stop = command(List.of("bash", ".ci/slurm-cluster", "stop", cluster.toString()), Map.of());
        Runtime.getRuntime().removeShutdownHook(stopper);
        assertEquals(0, stop.exit(), stop.output());
        if (ownDirectory) {
            try (Stream<Path> files = Files.walk(cluster)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
        cluster = null;
    }

    private static void stopQuietly() {
        try {
            if (cluster != null) {
                command(List.of("bash", ".ci/slurm-cluster", "stop", cluster.toString()), Map.of());
            }
        } catch (Exception ignored) {
            // the JVM is going down: best effort
        }
    }

    private record Result(int exit, String output) {
    }

    /** Runs a command to its end (at most 10 minutes), its output (both streams) through a file. */
    private static Result command(List<String> command, Map<String, String> extraEnv) throws Exception {
        Process p = start(command, extraEnv, Files.createTempFile("flopcal-fleet-it", ".log"));
        return finish(p);
    }

    private static final Map<Process, Path> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Process start(List<String> command, Map<String, String> extraEnv, Path output) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        OUTPUTS.put(p, output);
        return p;
    }

    private static Result finish(Process p) throws Exception {
        if (!p.waitFor(MINUTES, TimeUnit.MINUTES)) {
            p.destroy();
            p.waitFor(1, TimeUnit.MINUTES);
            fail("did not end within " + MINUTES + " minutes: " + Files.readString(OUTPUTS.get(p)));
        }
        Path out = OUTPUTS.remove(p);
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return new Result(p.exitValue(), text);
    }

    private static List<String> fleet(Path results, String... args) {
        List<String> c = new ArrayList<>(List.of("./calibrate", "fleet", "--slurm", "--results", results.toString()));
        c.addAll(List.of(args));
        return c;
    }

    private static List<String> withCalibration(List<String> command) {
        List<String> c = new ArrayList<>(command);
        c.addAll(CALIBRATION);
        return c;
    }

    private static String slurm(String... command) throws Exception {
        Result r = command(List.of(command), env);
        assertEquals(0, r.exit(), String.join(" ", command) + ": " + r.output());
        return r.output().strip();
    }

    /** Waits (at most 10 minutes) until squeue lists a job named {@code name} in state {@code state}; its id. */
    private static String awaitJob(String name, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(MINUTES);
        while (System.nanoTime() < deadline) {
            for (String line : slurm("squeue", "--noheader", "--name=" + name, "--format=%i|%T").lines().toList()) {
                String[] f = line.split("\\|");
                if (f.length == 2 && f[1].equals(state)) {
                    return f[0];
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no job " + name + " in state " + state + " within " + MINUTES + " minutes");
    }

    /** Waits until squeue lists no pending or running job of the fleet. */
    private static void awaitNoFleetJobs() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String jobs = "";
        while (System.nanoTime() < deadline) {
            jobs = slurm("squeue", "--noheader", "--format=%j %T");
            if (jobs.lines().noneMatch(l -> l.startsWith(FleetCalibration.JOB_NAME_PREFIX))) {
                return;
            }
            Thread.sleep(200);
        }
        fail("fleet jobs left in the queue: " + jobs);
    }

    private static Profile profileOf(Path results, FleetReport.NodeResult node) {
        return ProfileIO.read(results.resolve(node.profile()));
    }

    @Test
    void bothNodesAreCalibratedAndTheReportNamesBoth() throws Exception {
        Path results = tmp.resolve("fleet");
        // the two nodes are one 2-vCPU machine: the one 'cpu' license keeps their calibrations apart
        Result r = command(withCalibration(fleet(results, "--nodelist", "node1,node2", "--sbatch-args",
                "--licenses=cpu:1 --comment='flopcal integration test'")), env);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("2 nodes: 2 done, 0 failed."), r.output());

        FleetReport report = FleetReport.read(results.resolve("fleet-report.json"));
        assertEquals(List.of("node1", "node2"), report.nodes().stream().map(FleetReport.NodeResult::node).toList());
        for (FleetReport.NodeResult n : report.nodes()) {
            assertTrue(n.done(), n.toString());
            assertEquals("COMPLETED", n.state());
            assertEquals(0, n.exitCode());
            Profile p = profileOf(results, n);
            assertEquals(n.node(), p.provenance().node());
            assertEquals(n.jobId(), p.provenance().jobId());
            assertTrue(p.id().endsWith("-" + n.node() + "-" + n.jobId()), p.id());
            assertTrue(ProfileVerifier.verify(results.resolve(n.profile())).ok(), n.profile());
            assertTrue(Files.readString(results.resolve(n.log())).contains("Profile:"), n.log());
        }
        assertNotEquals(profileOf(results, report.nodes().get(0)).id(), profileOf(results, report.nodes().get(1)).id());
        assertEquals(2, report.precisions().get("fp32").nodes());
        assertEquals(List.of("--licenses=cpu:1", "--comment=flopcal integration test"), report.settings().sbatchArgs());
        for (String f : List.of("fleet-report.md", "fleet-fp32.png", "fleet-fp32.svg", "README.md")) {
            assertTrue(Files.isRegularFile(results.resolve(f)), f);
        }
        assertTrue(Files.readString(results.resolve("README.md")).contains("## Fleet calibration"));

        Result compare = command(List.of("./calibrate", "compare", results.toString(), "--precisions", "fp32"), Map.of());
        assertEquals(0, compare.exit(), compare.output());
        assertTrue(compare.output().contains("Nodes side by side (2 profiles of a fleet's nodes):"), compare.output());
        assertTrue(compare.output().lines().anyMatch(l -> l.startsWith("node1 ")), compare.output());
        assertTrue(compare.output().lines().anyMatch(l -> l.startsWith("node2 ")), compare.output());
        awaitNoFleetJobs();
    }

    @Test
    void aNodeDrainedDuringTheRunFailsAloneAndIsRetried() throws Exception {
        Path results = tmp.resolve("fleet");
        // a job holds node2, so the fleet's task for node2 waits until node2 is drained
        String blocker = slurm("sbatch", "--parsable", "--job-name=blocker", "--nodelist=node2", "--exclusive",
                "--output=/dev/null", "--wrap=sleep 600");
        awaitJob("blocker", "RUNNING");
        Process run = start(withCalibration(fleet(results, "--nodelist", "node1,node2")), env,
                Files.createTempFile("flopcal-fleet-it", ".log"));
        String waiting = awaitJob(FleetCalibration.JOB_NAME_PREFIX + "node2", "PENDING");
        slurm("scontrol", "update", "nodename=node2", "state=drain", "reason=flopcal-test");
        slurm("scancel", blocker);
        Result r = finish(run);
        slurm("scontrol", "update", "nodename=node2", "state=resume");

        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("1 of 2 nodes failed; the others' profiles are kept."), r.output());
        FleetReport report = FleetReport.read(results.resolve("fleet-report.json"));
        assertEquals(1, report.failed());
        FleetReport.NodeResult node1 = report.node("node1").orElseThrow(), node2 = report.node("node2").orElseThrow();
        assertTrue(node1.done(), node1.toString());
        assertTrue(Files.isRegularFile(results.resolve(node1.profile())), "the survivor's profile is kept");
        assertEquals("failed", node2.outcome());
        assertEquals(waiting, node2.jobId());
        assertEquals("CANCELLED", node2.state());
        assertTrue(node2.reason().contains("the node is drain") && node2.reason().contains("flopcal-test"),
                node2.reason());
        assertEquals("logs/node2-" + waiting + ".log", node2.log());
        assertTrue(r.output().contains("node2 (job " + waiting + "): failed"), r.output());

        Result retry = command(fleet(results, "--retry-failed"), env);
        assertEquals(0, retry.exit(), retry.output());
        FleetReport merged = FleetReport.read(results.resolve("fleet-report.json"));
        assertEquals(0, merged.failed());
        assertEquals(node1, merged.node("node1").orElseThrow(), "node1 was not run again");
        FleetReport.NodeResult again = merged.node("node2").orElseThrow();
        assertNotEquals(waiting, again.jobId());
        assertEquals("node2", profileOf(results, again).provenance().node());
        assertEquals(2, merged.precisions().get("fp32").nodes());
        awaitNoFleetJobs();
    }

    @Test
    void ctrlCCancelsTheJobsAndLeavesNoPartialFile() throws Exception {
        Path results = tmp.resolve("fleet");
        Process run = start(withCalibration(fleet(results, "--nodelist", "node1")), env,
                Files.createTempFile("flopcal-fleet-it", ".log"));
        awaitJob(FleetCalibration.JOB_NAME_PREFIX + "node1", "RUNNING");
        // the launcher replaced itself with the JVM: this is Ctrl-C for it
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor());
        Result r = finish(run);
        assertEquals(130, r.exit(), r.output());
        assertTrue(r.output().contains("interrupted: cancelling job"), r.output());
        awaitNoFleetJobs();
        assertFalse(Files.exists(results.resolve("fleet-report.json")));
        try (Stream<Path> files = Files.walk(results)) {
            List<String> left = files.filter(Files::isRegularFile).map(f -> results.relativize(f).toString())
                    .filter(f -> !f.startsWith("logs/")).toList();
            assertEquals(List.of(), left, "no profile, raw results or temporary file of the cancelled node");
        }
    }

    @Test
    void anUnreachableControllerOrAMissingSbatchExitsTwoAndSubmitsNothing() throws Exception {
        Path conf = tmp.resolve("unreachable.conf");
        Files.writeString(conf, Files.readString(cluster.resolve("slurm.conf"))
                .replace("SlurmctldPort=17100", "SlurmctldPort=17199"));
        Path results = tmp.resolve("fleet");
        Result r = command(withCalibration(fleet(results, "--nodes", "2")), Map.of("SLURM_CONF", conf.toString()));
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("calibrate: the Slurm controller is unreachable: 'scontrol ping' says"),
                r.output());
        assertFalse(Files.exists(results));

        // a PATH with what the launcher needs, and no Slurm
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("bash", "dirname", "sed", "sort", "cut", "find", "mkdir", "flock", "readlink", "cat")) {
            for (String dir : List.of("/usr/bin", "/bin")) {
                if (Files.isExecutable(Path.of(dir, tool)) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), Path.of(dir, tool));
                }
            }
        }
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        r = command(withCalibration(fleet(results, "--nodes", "2")), Map.of("PATH", bin.toString()));
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("calibrate: sbatch is not installed (not found on PATH)"), r.output());
        assertFalse(Files.exists(results));
    }
}
