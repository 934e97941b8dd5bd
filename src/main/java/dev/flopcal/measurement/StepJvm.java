package dev.flopcal.measurement;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
 * <p>It speaks {@link ChildJvm}'s protocol: the {@link Request} names the mode and the steps; a {@code progress}
 * message relays a line of JMH's output (verbose runs only), a {@code result} ends a step ({@link Outcome}), an
 * {@code error} ends the group with the failed step's message. Everything the harnesses and JMH print goes
 * elsewhere. The JVM exits when its standard input closes, so it does not outlive the calibration that started it.
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

    /**
     * What the started JVM is asked to do.
     *
     * @param verbose relay JMH's output
     */
    record Request(Mode mode, boolean verbose, List<Step> steps) {
    }

    /**
     * What a step produced, as sent.
     *
     * @param runResult JMH's {@link RunResult}, Java-serialized and in Base64: the only form JMH reads back (its own
     *                  forks send their results to the host so), and the raw results are written from it
     * @param note      the harness's note about itself, or null
     */
    record Outcome(String runResult, String note) {
    }

    private final Process process;
    private final ChildJvm.Messages<Outcome> messages;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private StepJvm(Process process) {
        this.process = process;
        this.messages = new ChildJvm.Messages<>(process.getInputStream(), Outcome.class);
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
        try {
            return new StepJvm(ChildJvm.start(new ProcessBuilder(ChildJvm.command(hints, StepJvm.class)),
                    new Request(mode, verbose, steps)));
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
            for (ChildJvm.Message<Outcome> m = messages.next(); m != null; m = messages.next()) {
                switch (m) {
                    case ChildJvm.Message.Progress<Outcome> p -> output.accept(p.line());
                    case ChildJvm.Message.Result<Outcome> r -> {
                        return new JmhStep.Ran(deserialize(r.result().runResult()), r.result().note());
                    }
                    case ChildJvm.Message.Failure<Outcome> e -> throw new JmhStep.Failed(e.message(), null);
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

    /** The started JVM: runs the steps of the {@link Request} on its standard input. */
    public static void main(String[] args) {
        PrintStream out = ChildJvm.messageStream();
        Request request = ChildJvm.request(Request.class, "step-jvm-parent-watch", 3);
        Consumer<String> relay = request.verbose() ? line -> {
            ChildJvm.send(out, new ChildJvm.Message.Progress<>(line));
            if (line.contains(JMH_NON_FORKED_WARNING)) {
                ChildJvm.send(out, new ChildJvm.Message.Progress<>(NON_FORKED_NOTE));
            }
        } : null;
        for (int i = 0; i < request.steps().size(); i++) {
            Step step = request.steps().get(i);
            if (i > 0) {
                // the previous step's operands are garbage now: collect them before this step's setup, so that no
                // collection of theirs runs while it is timed, and the step starts on a heap like a new JVM's
                System.gc();
            }
            try {
                JmhStep.Ran ran = JmhStep.run(step.benchmark(), step.params(), request.mode(), i == 0, relay);
                ChildJvm.send(out, new ChildJvm.Message.Result<>(new Outcome(serialize(ran.result()), ran.note())));
            } catch (JmhStep.Failed e) {
                ChildJvm.send(out, new ChildJvm.Message.Failure<>(e.getMessage()));
                System.exit(1);
            }
        }
        System.exit(0);
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
