package dev.flopcal.measurement;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import dev.flopcal.hardware.LoadMonitor;

/**
 * Runs a {@link CalibrationPlan} through the JMH Runner API, one group of steps at a time, each group in one JVM
 * started for it ({@link StepJvm}), and collects JMH's results. A step whose harness fails its correctness check
 * stops the calibration: a wrong kernel produces no number. After the plan, a {@link Refinement} may ask for more
 * groups (full mode: more JVMs where a figure is still too uncertain).
 */
public final class Calibrator {
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
     * What to measure once the plan has run: asked after the plan and after every group it returned, with every
     * result so far, until it returns none.
     */
    @FunctionalInterface
    public interface Refinement {
        /** No refinement. */
        Refinement NONE = (results, seconds) -> List.of();

        /**
         * @param results every result so far, in run order
         * @param seconds seconds of measuring so far
         * @return the next groups to run (each in a JVM of its own), or none to stop
         */
        List<List<Step>> next(List<RunResult> results, double seconds);
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

    /** Measures every step of the plan, one JVM per group ({@link StepJvm}), without refinement. */
    public Outcome run() {
        return run(Refinement.NONE);
    }

    /**
     * Measures every step of the plan, one JVM per group ({@link StepJvm}), then what the refinement asks for.
     *
     * @throws CalibrationFailedException naming the step and JMH's or the harness's message
     */
    public Outcome run(Refinement refinement) {
        List<List<Step>> planned = plan.groups();
        int[] total = {planned.stream().mapToInt(List::size).sum()};
        List<RunResult> results = new ArrayList<>();
        List<StepResult> summaries = new ArrayList<>();
        LoadMonitor load = new LoadMonitor();
        double loadBefore = load.loadAverage1m();
        long start = System.nanoTime();
        Deque<List<Step>> queue = new ArrayDeque<>(planned);
        boolean refining = false;
        while (true) {
            if (queue.isEmpty()) {
                List<List<Step>> more = refinement.next(List.copyOf(results), (System.nanoTime() - start) / 1e9);
                if (more.isEmpty()) {
                    break;
                }
                if (!refining) {
                    listener.refinementStarted();
                    refining = true;
                }
                queue.addAll(more);
                total[0] += more.stream().mapToInt(List::size).sum();
            }
            runGroup(queue.removeFirst(), total[0], results, summaries, load);
        }
        return new Outcome(results, summaries, (System.nanoTime() - start) / 1e9, loadBefore, load.loadAverage1m(),
                load.sinceStart().steal());
    }

    private void runGroup(List<Step> group, int total, List<RunResult> results, List<StepResult> summaries,
                          LoadMonitor load) {
        try (StepJvm jvm = StepJvm.start(group, plan.mode(), verbose)) {
            for (Step step : group) {
                int index = summaries.size() + 1;
                listener.stepStarted(index, total, step);
                long t0 = System.nanoTime();
                load.sinceLastSample();
                JmhStep.Ran ran;
                try {
                    ran = jvm.next(listener::jmhOutput);
                } catch (JmhStep.Failed e) {
                    throw new CalibrationFailedException(step.displayLabel() + " failed: " + e.getMessage(), e);
                }
                results.add(ran.result());
                Result<?> metric = rate(ran.result());
                LoadMonitor.Usage usage = load.sinceLastSample();
                StepResult sr = new StepResult(step, metric.getScore(), metric.getScoreError(), usage.busy(),
                        usage.steal(), (System.nanoTime() - t0) / 1e9, ran.note());
                summaries.add(sr);
                listener.stepFinished(index, total, sr);
            }
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
