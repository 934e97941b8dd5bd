package dev.flopcal.measurement;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.CompilerHints;

/**
 * A JVM started for one group of steps ({@link CalibrationPlan#groups()}), which runs them one after the other
 * through JMH without forking ({@link JmhStep} with 0 forks), and the handle the calibrating JVM reads their results
 * from.
 *
 * <p>Why: on a 2-core machine a JMH fork costs about 0.75 s to start, reach the harness and exit, and the GEMM
 * harness then runs for at least a second until C2 has compiled the kernel; the sizes of one precision at one thread
 * count run the same kernel, which one JVM compiles once. The JVM gets what JMH gives its own forks: the calibrating
 * JVM's options, JMH's compiler hints and blackhole mode, and the options every harness declares in its
 * {@code @Fork} annotation.
 *
 * <p>The protocol, one line per message on the started JVM's standard output (everything the harnesses and JMH
 * print goes elsewhere): {@code out <line>} relays a line of JMH's output (verbose runs only), {@code ok <result>
 * <note>} ends a step with its serialized {@link RunResult} and note (Base64; "-" for no note), {@code fail
 * <message>} ends the group with the failed step's message (Base64). The JVM exits when its standard input closes,
 * so it does not outlive the calibration that started it.
 */
final class StepJvm implements AutoCloseable {
    /** Classes a result may consist of: JMH's and the JDK's. */
    private static final ObjectInputFilter RESULT_CLASSES =
            ObjectInputFilter.Config.createFilter("org.openjdk.jmh.**;java.**;!*");
    private static final int STDERR_KEPT = 8192;
    /** The end of JMH's warning about runs without forks, which the verbose log answers. */
    static final String JMH_NON_FORKED_WARNING = "Use non-forked runs only for debugging purposes";
    static final String NON_FORKED_NOTE = "# flopcal: this JVM was started for this group of steps, with the options,"
            + " compiler hints and blackhole mode JMH gives its own forks (measurement.StepJvm)";

    private final Process process;
    private final BufferedReader results;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private StepJvm(Process process) {
        this.process = process;
        this.results = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread drain = new Thread(() -> keepTail(process.getErrorStream()), "step-jvm-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Starts a JVM running the steps in order.
     *
     * @param verbose relay JMH's output ({@link #next})
     */
    static StepJvm start(List<Step> steps, Mode mode, boolean verbose) {
        // the compiler hints and blackhole mode JMH gives its forks (without them, JMH warns that a run without forks
        // may "disable compiler hints")
        List<String> hints = new ArrayList<>();
        CompilerHints.addCompilerHints(hints);
        List<String> command = ChildJvm.command(hints, StepJvm.class);
        command.add(mode.name());
        command.add(Boolean.toString(verbose));
        for (Step s : steps) {
            command.add(encode(s.benchmark(), s.params()));
        }
        try {
            return new StepJvm(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for the steps: " + e.getMessage(), e);
        }
    }

    /**
     * Waits for the next step's result.
     *
     * @param output receives the lines of JMH's output relayed before it
     * @throws JmhStep.Failed when the step failed, or the JVM exited or could not be read before reporting it
     */
    JmhStep.Ran next(Consumer<String> output) throws JmhStep.Failed {
        try {
            for (String line = results.readLine(); line != null; line = results.readLine()) {
                if (line.startsWith("out ")) {
                    output.accept(line.substring(4));
                } else if (line.startsWith("ok ")) {
                    String[] parts = line.split(" ");
                    return new JmhStep.Ran(deserialize(parts[1]), parts[2].equals("-") ? null : ChildJvm.decodeText(parts[2]));
                } else if (line.startsWith("fail ")) {
                    throw new JmhStep.Failed(ChildJvm.decodeText(line.substring(5)), null);
                }
            }
            boolean exited = process.waitFor(10, TimeUnit.SECONDS);
            throw new JmhStep.Failed("the JVM running it " + (exited ? "exited with code " + process.exitValue()
                    : "closed its output") + " before reporting a result" + stderrTail(), null);
        } catch (IOException e) {
            throw new JmhStep.Failed("cannot read the result from the JVM running it: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JmhStep.Failed("interrupted while waiting for its result", e);
        }
    }

    /** Ends the JVM (closing its standard input ends it once idle; it is destroyed if still running). */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The started JVM: runs the steps named in {@code args} (mode, verbose, then one encoded step each). */
    public static void main(String[] args) {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        ChildJvm.exitWhenParentGone("step-jvm-parent-watch", 3);
        Mode mode = Mode.valueOf(args[0]);
        boolean verbose = Boolean.parseBoolean(args[1]);
        Consumer<String> relay = verbose ? line -> {
            protocol.println("out " + line);
            if (line.contains(JMH_NON_FORKED_WARNING)) {
                protocol.println("out " + NON_FORKED_NOTE);
            }
        } : null;
        for (int i = 2; i < args.length; i++) {
            Map.Entry<String, Map<String, String>> step = decode(args[i]);
            if (i > 2) {
                // the previous step's operands are garbage now: collect them before this step's setup, so that no
                // collection of theirs runs while it is timed, and the step starts on a heap like a new JVM's
                System.gc();
            }
            try {
                JmhStep.Ran ran = JmhStep.run(step.getKey(), step.getValue(), mode, 0, relay);
                protocol.println("ok " + serialize(ran.result()) + " " + (ran.note() == null ? "-" : ChildJvm.encodeText(ran.note())));
            } catch (JmhStep.Failed e) {
                protocol.println("fail " + ChildJvm.encodeText(e.getMessage()));
                protocol.flush();
                System.exit(1);
            }
        }
        protocol.flush();
        System.exit(0);
    }

    /** A step as one argument: the benchmark, then {@code ?name=value&...} URL-encoded. */
    static String encode(String benchmark, Map<String, String> params) {
        StringBuilder b = new StringBuilder(benchmark);
        char sep = '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            b.append(sep).append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return b.toString();
    }

    /** The inverse of {@link #encode}: benchmark and parameters. */
    static Map.Entry<String, Map<String, String>> decode(String arg) {
        int q = arg.indexOf('?');
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0) {
            for (String kv : arg.substring(q + 1).split("&")) {
                int eq = kv.indexOf('=');
                params.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Map.entry(q >= 0 ? arg.substring(0, q) : arg, params);
    }

    static String serialize(RunResult result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static RunResult deserialize(String base64) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            in.setObjectInputFilter(RESULT_CLASSES);
            return (RunResult) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("not a JMH result: " + e.getMessage(), e);
        }
    }

    /** Keeps the last {@value #STDERR_KEPT} bytes the JVM wrote to its standard error, for a failure message. */
    private void keepTail(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (stderr) {
                    stderr.write(buffer, 0, n);
                    if (stderr.size() > 2 * STDERR_KEPT) {
                        byte[] all = stderr.toByteArray();
                        stderr.reset();
                        stderr.write(all, all.length - STDERR_KEPT, STDERR_KEPT);
                    }
                }
            }
        } catch (IOException e) {
            // the JVM is gone; what was read stays
        }
    }

    private String stderrTail() {
        String s;
        synchronized (stderr) {
            s = stderr.toString(StandardCharsets.UTF_8).strip();
        }
        List<String> lines = s.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        return lines.isEmpty() ? "" : ": " + String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
