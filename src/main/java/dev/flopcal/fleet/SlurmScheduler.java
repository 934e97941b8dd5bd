package dev.flopcal.fleet;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.flopcal.core.InvalidInputException;

/**
 * Slurm through its commands: {@code sinfo} for nodes, {@code sbatch} to submit, {@code squeue} to follow jobs,
 * {@code sacct} (or, where accounting is disabled, {@code scontrol show job}) for how they ended, {@code scancel}.
 * The commands find the controller as they always do ({@code SLURM_CONF}, or the system's slurm.conf).
 */
public final class SlurmScheduler implements Scheduler {
    /** The placeholder Slurm replaces with the job id in {@code --output} file names. */
    public static final String JOB_ID_PATTERN = "%j";
    /** The commands a fleet calibration runs; sacct is optional (clusters without accounting have none to ask). */
    static final List<String> COMMANDS = List.of("sbatch", "squeue", "scancel", "sinfo", "scontrol");

    private final CommandRunner runner;
    private final Function<String, Boolean> onPath;
    private boolean sacctWorks = true;

    /**
     * @param runner runs Slurm's commands
     * @param onPath whether a command is installed (found on PATH), by name
     */
    SlurmScheduler(CommandRunner runner, Function<String, Boolean> onPath) {
        this.runner = runner;
        this.onPath = onPath;
    }

    /** Slurm's commands as installed on this machine (on PATH). */
    public static SlurmScheduler installed() {
        return new SlurmScheduler(CommandRunner.processes(), SlurmScheduler::onPath);
    }

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public void check() {
        for (String command : COMMANDS) {
            if (!onPath.apply(command)) {
                throw new InvalidInputException(command + " is not installed (not found on PATH): fleet calibration"
                        + " with --slurm runs Slurm's commands " + String.join(", ", COMMANDS)
                        + "; run it where they are, e.g. on a login node");
            }
        }
        CommandRunner.Result ping = run(List.of("scontrol", "ping"), null);
        if (ping.exitCode() != 0 || ping.stdout().contains("DOWN")) {
            String conf = System.getenv("SLURM_CONF");
            throw new InvalidInputException("the Slurm controller is unreachable: 'scontrol ping' says "
                    + ping.message().lines().findFirst().orElse("nothing") + " (configuration: "
                    + (conf == null ? "the system's slurm.conf" : "SLURM_CONF=" + conf) + ")");
        }
    }

    @Override
    public List<String> expand(String nodeList) {
        if (!nodeList.contains("[")) {
            return Arrays.stream(nodeList.split(",")).map(String::strip).toList();
        }
        CommandRunner.Result r = run(List.of("scontrol", "show", "hostnames", nodeList), null);
        if (r.exitCode() != 0 || r.stdout().isBlank()) {
            throw new InvalidInputException("--nodelist '" + nodeList + "' is not a node list Slurm understands: "
                    + r.message());
        }
        return r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public List<NodeState> nodes(String partition) {
        List<String> command = new ArrayList<>(List.of("sinfo", "--noheader", "--Node", "--format=%N|%T|%E"));
        if (partition != null) {
            command.add("--partition=" + partition);
        }
        CommandRunner.Result r = run(command, null);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("sinfo failed: " + r.message());
        }
        List<NodeState> nodes = new ArrayList<>(parseNodes(r.stdout()).values());
        if (nodes.isEmpty()) {
            throw new InvalidInputException(partition == null ? "Slurm lists no nodes (sinfo)"
                    : "partition '" + partition + "' has no nodes, or does not exist (sinfo --partition=" + partition
                            + " lists none)");
        }
        return nodes;
    }

    @Override
    public Map<String, NodeState> nodeStates(Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        CommandRunner.Result r = run(List.of("sinfo", "--noheader", "--Node", "--format=%N|%T|%E",
                "--nodes=" + String.join(",", names)), null);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("sinfo failed: " + r.message());
        }
        return parseNodes(r.stdout());
    }

    /** sinfo's "NAME|STATE|REASON" lines, each node once (sinfo lists a node once per partition). */
    static Map<String, NodeState> parseNodes(String text) {
        Map<String, NodeState> nodes = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            String[] f = line.strip().split("\\|", 3);
            if (f.length >= 2 && !f[0].isEmpty()) {
                nodes.putIfAbsent(f[0], new NodeState(f[0], f[1], f.length > 2 ? f[2] : null));
            }
        }
        return nodes;
    }

    @Override
    public void test(Submission submission) {
        List<String> command = new ArrayList<>(List.of("sbatch", "--test-only"));
        command.addAll(submission.options());
        CommandRunner.Result r = run(command, submission.script());
        if (r.exitCode() != 0) {
            throw new InvalidInputException("sbatch refuses the node task for " + submission.node() + ": "
                    + r.message());
        }
    }

    @Override
    public String submit(Submission submission) {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        command.addAll(submission.options());
        CommandRunner.Result r = run(command, submission.script());
        String id = r.stdout().strip().split(";", 2)[0];
        if (r.exitCode() != 0 || !id.matches("[0-9_]+")) {
            throw new InvalidInputException("sbatch refused the node task for " + submission.node() + ": "
                    + r.message());
        }
        return id;
    }

    @Override
    public Map<String, JobState> jobs(Collection<String> ids) {
        Map<String, JobState> states = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        CommandRunner.Result r = run(List.of("squeue", "--noheader", "--states=all", "--jobs=" + String.join(",", ids),
                "--format=%i|%T|%r"), null);
        // squeue exits 1 with "Invalid job id specified" when it knows none of them
        if (r.exitCode() == 0) {
            for (String line : r.stdout().lines().toList()) {
                String[] f = line.strip().split("\\|", 3);
                if (f.length == 3 && ids.contains(f[0])) {
                    states.put(f[0], new JobState(f[0], f[1], reason(f[2]), null, null));
                }
            }
        } else if (!r.message().contains("Invalid job id")) {
            throw new IllegalStateException("squeue failed: " + r.message());
        }
        List<String> ended = ids.stream().filter(id -> !states.containsKey(id) || states.get(id).ended()).toList();
        if (!ended.isEmpty()) {
            Map<String, JobState> finals = finished(ended);
            for (String id : ended) {
                JobState fin = finals.get(id);
                JobState live = states.get(id);
                states.put(id, fin != null ? fin : live != null ? live
                        : new JobState(id, JobState.UNKNOWN, "Slurm no longer knows the job", null, null));
            }
        }
        Map<String, JobState> ordered = new LinkedHashMap<>();
        ids.forEach(id -> ordered.put(id, states.get(id)));
        return ordered;
    }

    /** How jobs ended, with exit codes: from sacct, or from scontrol where accounting is disabled. */
    private Map<String, JobState> finished(List<String> ids) {
        Map<String, JobState> states = new LinkedHashMap<>();
        if (sacctWorks && onPath.apply("sacct")) {
            CommandRunner.Result r = run(List.of("sacct", "--noheader", "--parsable2", "--allocations",
                    "--jobs=" + String.join(",", ids), "--format=JobIDRaw,State,ExitCode,Reason"), null);
            if (r.exitCode() == 0) {
                for (String line : r.stdout().lines().toList()) {
                    String[] f = line.strip().split("\\|", 4);
                    if (f.length >= 3 && ids.contains(f[0])) {
                        int[] code = exitCode(f[2]);
                        states.put(f[0], new JobState(f[0], f[1], f.length > 3 ? reason(f[3]) : null,
                                code == null ? null : code[0], code == null ? null : code[1]));
                    }
                }
                return states;
            }
            // "Slurm accounting storage is disabled": ask the controller, which remembers jobs for MinJobAge
            sacctWorks = false;
        }
        for (String id : ids) {
            CommandRunner.Result r = run(List.of("scontrol", "--oneliner", "show", "job", id), null);
            if (r.exitCode() == 0) {
                parseScontrol(id, r.stdout()).ifPresent(s -> states.put(id, s));
            }
        }
        return states;
    }

    /** A job from {@code scontrol --oneliner show job}: "JobId=5 ... JobState=FAILED Reason=... ExitCode=3:0 ...". */
    static java.util.Optional<JobState> parseScontrol(String id, String text) {
        String state = field(text, "JobState"), reason = field(text, "Reason"), exit = field(text, "ExitCode");
        if (state == null) {
            return java.util.Optional.empty();
        }
        int[] code = exit == null ? null : exitCode(exit);
        return java.util.Optional.of(new JobState(id, state, reason(reason), code == null ? null : code[0],
                code == null ? null : code[1]));
    }

    private static String field(String text, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|\\s)" + name + "=(\\S+)").matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** "3:0" → {3, 0} (exit code, signal); null when not of that form. */
    static int[] exitCode(String text) {
        String[] f = text.strip().split(":");
        try {
            return f.length == 2 ? new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String reason(String text) {
        return text == null || text.isBlank() || text.equals("None") || text.equals("(null)") ? null : text.strip();
    }

    @Override
    public void cancel(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("scancel"));
        command.addAll(ids);
        CommandRunner.Result r = run(command, null);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("scancel " + String.join(" ", ids) + " failed: " + r.message());
        }
    }

    private CommandRunner.Result run(List<String> command, String stdin) {
        try {
            return runner.run(command, stdin);
        } catch (IOException e) {
            if (!onPath.apply(command.get(0))) {
                throw new InvalidInputException(command.get(0) + " is not installed (not found on PATH)", e);
            }
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    /** True when an executable of this name is in a directory of PATH. */
    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
