package dev.flopcal.measurement;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import dev.flopcal.hardware.LoadMonitor;

/**
 * Runs a {@link CalibrationPlan} through the JMH Runner API, one step (one forked JVM per fork) at a time, and
 * collects JMH's results. A step whose harness fails its correctness check stops the calibration: a wrong kernel
 * produces no number.
 */
public final class Calibrator {
    /**
     * Relative error (JMH's 99.9% half-width / score) above which a step is measured once more, in full mode.
     * Quick and default calibrations keep to their time budget and mark the affected fits low-confidence instead.
     * On a shared 2-vCPU VM most full-mode steps come out at 4-8% (three forks of 15 iterations), and measuring
     * them again did not narrow them while it doubled the run (2.4 h instead of about an hour); 10% singles out the
     * steps a neighbour actually disturbed.
     */
    public static final double REMEASURE_THRESHOLD = 0.10;

    private final CalibrationPlan plan;
    private final CalibrationListener listener;
    private final boolean verbose;
    private String lastNote;

    /**
     * @param plan     what to measure
     * @param listener progress
     * @param verbose  pass JMH's own output to {@link CalibrationListener#jmhOutput}
     */
    public Calibrator(CalibrationPlan plan, CalibrationListener listener, boolean verbose) {
        this.plan = plan;
        this.listener = listener;
        this.verbose = verbose;
    }

    /**
     * The outcome of a calibration run.
     *
     * @param results    JMH's results, in step order
     * @param steps      per-step summaries
     * @param seconds    total wall-clock seconds
     * @param loadBefore 1-minute load average before the first step
     * @param loadAfter  1-minute load average after the last step
     * @param steal      fraction of all hardware threads' time the hypervisor gave to other guests over the run
     */
    public record Outcome(List<RunResult> results, List<StepResult> steps, double seconds, double loadBefore,
                          double loadAfter, double steal) {
    }

    /**
     * Measures every step of the plan.
     *
     * @throws CalibrationFailedException naming the step and JMH's or the harness's message
     */
    public Outcome run() {
        List<Step> steps = plan.steps();
        List<RunResult> results = new ArrayList<>();
        List<StepResult> summaries = new ArrayList<>();
        LoadMonitor load = new LoadMonitor();
        double loadBefore = load.loadAverage1m();
        long start = System.nanoTime();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            listener.stepStarted(i + 1, steps.size(), step);
            long t0 = System.nanoTime();
            load.sinceLastSample();
            RunResult r = runStep(step);
            results.add(r);
            Result<?> metric = rate(r);
            boolean again = plan.mode() == Mode.FULL && !(metric.getScoreError() / metric.getScore() <= REMEASURE_THRESHOLD);
            if (again) {
                // both results stay in the raw file; the profile uses the one with the smaller relative error
                RunResult second = runStep(step);
                results.add(second);
                Result<?> m2 = rate(second);
                if (m2.getScoreError() / m2.getScore() < metric.getScoreError() / metric.getScore()
                        || Double.isNaN(metric.getScoreError())) {
                    metric = m2;
                }
            }
            LoadMonitor.Usage usage = load.sinceLastSample();
            StepResult sr = new StepResult(step, metric.getScore(), metric.getScoreError(), usage.busy(), usage.steal(),
                    (System.nanoTime() - t0) / 1e9, again, lastNote);
            summaries.add(sr);
            listener.stepFinished(i + 1, steps.size(), sr);
        }
        return new Outcome(results, summaries, (System.nanoTime() - start) / 1e9, loadBefore, load.loadAverage1m(),
                load.sinceStart().steal());
    }

    /** JMH's JSON for the results, exactly as {@code -rf json} writes it. */
    public static String toJson(Collection<RunResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The JMH version on the class path, as JMH itself reports it in its JSON results (from its own properties
     * file: in the shaded jar the package's Implementation-Version is flopcal's, not JMH's).
     */
    public static String jmhVersion() {
        return org.openjdk.jmh.util.Version.getPlainVersion();
    }

    private RunResult runStep(Step step) {
        Mode mode = plan.mode();
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(step.benchmark()) + "$")
                .forks(mode.forks())
                .warmupIterations(mode.warmupIterations())
                .warmupTime(TimeValue.milliseconds(mode.warmupMillis()))
                .measurementIterations(mode.measurementIterations())
                .measurementTime(TimeValue.milliseconds(mode.measurementMillis()))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL);
        for (Map.Entry<String, String> p : step.params().entrySet()) {
            options.param(p.getKey(), p.getValue());
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream jmhOut = new PrintStream(new LineTee(captured, verbose ? listener : null), true, StandardCharsets.UTF_8);
        // JMH relays what a forked VM prints to the host's System.out; keep it with the step's output
        PrintStream systemOut = System.out, systemErr = System.err;
        System.setOut(jmhOut);
        System.setErr(jmhOut);
        try {
            Collection<RunResult> rs = new Runner(options.build(),
                    OutputFormatFactory.createFormatInstance(jmhOut, VerboseMode.NORMAL)).run();
            lastNote = captured.toString(StandardCharsets.UTF_8).lines().map(String::trim)
                    .map(l -> l.replaceFirst("^# Warmup Iteration\\s+\\d+:\\s*", ""))
                    .filter(l -> l.startsWith("native BLAS:")).findFirst().orElse(null);
            if (rs.size() != 1) {
                throw new CalibrationFailedException(step.label() + ": JMH returned " + rs.size()
                        + " results; is the benchmark " + step.benchmark() + " in the jar?", null);
            }
            return rs.iterator().next();
        } catch (RunnerException e) {
            throw new CalibrationFailedException(step.label() + " failed: "
                    + failureMessage(captured.toString(StandardCharsets.UTF_8), e), e);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
            jmhOut.flush();
        }
    }

    /** The rate metric of a result: the aux counter ("ops" or "bytes") when present. */
    static Result<?> rate(RunResult r) {
        Map<String, Result> secondary = r.getSecondaryResults();
        for (String name : new String[] {"ops", "bytes"}) {
            if (secondary.containsKey(name)) {
                return secondary.get(name);
            }
        }
        return r.getPrimaryResult();
    }

    /** The harness's own exception message from JMH's output, else JMH's. */
    static String failureMessage(String jmhOutput, RunnerException e) {
        String[] lines = jmhOutput.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.matches("^[\\w.$]+(Exception|Error): .*")) {
                return l.substring(l.indexOf(':') + 2) + " (" + l.substring(l.lastIndexOf('.', l.indexOf(':')) + 1, l.indexOf(':')) + ")";
            }
        }
        return e.getMessage();
    }

    /** Copies bytes to a buffer and, when a listener is given, hands it complete lines. */
    private static final class LineTee extends OutputStream {
        private final ByteArrayOutputStream copy;
        private final CalibrationListener listener;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineTee(ByteArrayOutputStream copy, CalibrationListener listener) {
            this.copy = copy;
            this.listener = listener;
        }

        @Override
        public void write(int b) {
            copy.write(b);
            if (listener == null) {
                return;
            }
            if (b == '\n') {
                listener.jmhOutput(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (b != '\r') {
                line.write(b);
            }
        }
    }
}
