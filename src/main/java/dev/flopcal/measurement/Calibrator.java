package dev.flopcal.measurement;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import dev.flopcal.hardware.LoadMonitor;

/**
 * Runs a {@link CalibrationPlan} through the JMH Runner API, one step at a time (each in JMH's own forked JVMs, or,
 * where the mode shares JVMs, each group of steps in one JVM started for it), and collects JMH's results. A step
 * whose harness fails its correctness check stops the calibration: a wrong kernel produces no number.
 */
public final class Calibrator {
    /**
     * Relative error (JMH's 99.9% half-width / score) above which a step is measured once more, in full mode.
     * Quick and default calibrations keep to their time budget and mark the affected fits low-confidence instead.
     * A lower threshold re-measured most full-mode steps on a shared VM without narrowing them, doubling the run;
     * 10% singles out the steps a neighbour actually disturbed (docs/measurement.md#noisy-steps-in-full-mode).
     */
    public static final double REMEASURE_THRESHOLD = 0.10;

    private final CalibrationPlan plan;
    private final CalibrationListener listener;
    private final boolean verbose;

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
     * Measures every step of the plan: in JMH's forks one step at a time or, where the mode shares JVMs, one JVM per
     * group of steps ({@link StepJvm}).
     *
     * @throws CalibrationFailedException naming the step and JMH's or the harness's message
     */
    public Outcome run() {
        List<List<Step>> groups = plan.groups();
        int total = groups.stream().mapToInt(List::size).sum();
        List<RunResult> results = new ArrayList<>();
        List<StepResult> summaries = new ArrayList<>();
        LoadMonitor load = new LoadMonitor();
        double loadBefore = load.loadAverage1m();
        long start = System.nanoTime();
        for (List<Step> group : groups) {
            try (Steps runner = plan.mode().sharedJvm() ? new Shared(group) : new Forked()) {
                for (Step step : group) {
                    int index = summaries.size() + 1;
                    listener.stepStarted(index, total, step);
                    long t0 = System.nanoTime();
                    load.sinceLastSample();
                    JmhStep.Ran ran = runner.next(step);
                    results.add(ran.result());
                    Result<?> metric = rate(ran.result());
                    // only full mode measures again, and it never shares a JVM (which runs each step once)
                    boolean again = plan.mode() == Mode.FULL && !plan.mode().sharedJvm()
                            && !(metric.getScoreError() / metric.getScore() <= REMEASURE_THRESHOLD);
                    if (again) {
                        // both results stay in the raw file; the profile uses the one with the smaller relative error
                        JmhStep.Ran second = runner.next(step);
                        results.add(second.result());
                        Result<?> m2 = rate(second.result());
                        if (m2.getScoreError() / m2.getScore() < metric.getScoreError() / metric.getScore()
                                || Double.isNaN(metric.getScoreError())) {
                            metric = m2;
                        }
                    }
                    LoadMonitor.Usage usage = load.sinceLastSample();
                    StepResult sr = new StepResult(step, metric.getScore(), metric.getScoreError(), usage.busy(),
                            usage.steal(), (System.nanoTime() - t0) / 1e9, again, ran.note());
                    summaries.add(sr);
                    listener.stepFinished(index, total, sr);
                }
            }
        }
        return new Outcome(results, summaries, (System.nanoTime() - start) / 1e9, loadBefore, load.loadAverage1m(),
                load.sinceStart().steal());
    }

    /** Runs the steps of one group, in order. */
    private interface Steps extends AutoCloseable {
        /** Runs (or, in a shared JVM, waits for) the step. */
        JmhStep.Ran next(Step step);

        @Override
        void close();
    }

    /** Each step in JMH's own forks. */
    private final class Forked implements Steps {
        @Override
        public JmhStep.Ran next(Step step) {
            try {
                return JmhStep.run(step.benchmark(), step.params(), plan.mode(), plan.mode().forks(),
                        verbose ? listener::jmhOutput : null);
            } catch (JmhStep.Failed e) {
                throw new CalibrationFailedException(step.label() + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
        }
    }

    /** The steps of a group in one JVM started for them. */
    private final class Shared implements Steps {
        private final StepJvm jvm;

        Shared(List<Step> group) {
            this.jvm = StepJvm.start(group, plan.mode(), verbose);
        }

        @Override
        public JmhStep.Ran next(Step step) {
            try {
                return jvm.next(listener::jmhOutput);
            } catch (JmhStep.Failed e) {
                throw new CalibrationFailedException(step.label() + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            jvm.close();
        }
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
}
