package dev.flopcal.measurement;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import dev.flopcal.benchmarks.ForkJvm;

/**
 * One step run through the JMH Runner API in this JVM, without forking (a JVM started for a group of steps,
 * {@link StepJvm}). JMH's output, and whatever the harness prints, is captured for the step's note and for the
 * message when it fails.
 *
 * <p>The first step of a JVM warms up in {@value Mode#FIRST_WARMUP_ITERATIONS} short iterations: JMH compiles its
 * own per-iteration code during the first iterations it runs, and on 2 cores that compilation took 7-22 ms of a
 * 50 ms measured iteration (docs/measurement.md#between-jvms).
 */
final class JmhStep {
    private JmhStep() {
    }

    /**
     * What a step produced.
     *
     * @param result JMH's result
     * @param note   a line the harness printed about itself (the native BLAS core), or null
     */
    record Ran(RunResult result, String note) {
    }

    /** A step that failed: the harness's own message (its correctness check, say) where it printed one, else JMH's. */
    static final class Failed extends Exception {
        Failed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Runs the benchmark with the parameters and the mode's iterations.
     *
     * @param first  the JVM's first step, which warms up in more, shorter iterations
     * @param output receives JMH's output line by line, or null
     * @throws Failed when the harness or JMH fails, or JMH returns other than one result
     */
    static Ran run(String benchmark, Map<String, String> params, Mode mode, boolean first, Consumer<String> output)
            throws Failed {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark) + "$")
                .forks(0)
                .warmupIterations(first ? Mode.FIRST_WARMUP_ITERATIONS : mode.warmupIterations())
                .warmupTime(TimeValue.milliseconds(first ? Mode.FIRST_WARMUP_MILLIS : mode.warmupMillis()))
                .measurementIterations(mode.measurementIterations())
                .measurementTime(TimeValue.milliseconds(mode.measurementMillis()))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL)
                // what the harnesses need (annotations cannot read them from the options file)
                .jvmArgsAppend(ForkJvm.options().toArray(String[]::new));
        for (Map.Entry<String, String> p : params.entrySet()) {
            options.param(p.getKey(), p.getValue());
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream jmhOut = new PrintStream(new LineTee(captured, output), true, StandardCharsets.UTF_8);
        // JMH relays what a forked VM prints to the host's System.out (and a harness run here prints there itself):
        // keep it with the step's output
        PrintStream systemOut = System.out, systemErr = System.err;
        System.setOut(jmhOut);
        System.setErr(jmhOut);
        try {
            Collection<RunResult> rs = new Runner(options.build(),
                    OutputFormatFactory.createFormatInstance(jmhOut, VerboseMode.NORMAL)).run();
            if (rs.size() != 1) {
                throw new Failed("JMH returned " + rs.size() + " results; is the benchmark " + benchmark
                        + " in the jar?", null);
            }
            String note = captured.toString(StandardCharsets.UTF_8).lines().map(String::trim)
                    .map(l -> l.replaceFirst("^# Warmup Iteration\\s+\\d+:\\s*", ""))
                    .filter(l -> l.startsWith("native BLAS:")).findFirst().orElse(null);
            return new Ran(rs.iterator().next(), note);
        } catch (RunnerException e) {
            throw new Failed(failureMessage(captured.toString(StandardCharsets.UTF_8), e), e);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
            jmhOut.flush();
        }
    }

    /** The harness's own exception message from JMH's output, else JMH's. */
    static String failureMessage(String jmhOutput, RunnerException e) {
        String[] lines = jmhOutput.split("\\R");
        for (String line : lines) {
            String l = line.trim();
            if (l.matches("^[\\w.$]+(Exception|Error): .*")) {
                return l.substring(l.indexOf(':') + 2) + " (" + l.substring(l.lastIndexOf('.', l.indexOf(':')) + 1, l.indexOf(':')) + ")";
            }
        }
        return e.getMessage();
    }

    /** Copies bytes to a buffer and, when a consumer is given, hands it complete lines. */
    private static final class LineTee extends OutputStream {
        private final ByteArrayOutputStream copy;
        private final Consumer<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineTee(ByteArrayOutputStream copy, Consumer<String> lines) {
            this.copy = copy;
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            copy.write(b);
            if (lines == null) {
                return;
            }
            if (b == '\n') {
                lines.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (b != '\r') {
                line.write(b);
            }
        }
    }
}
