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
 * stops the calibration: a wrong kernel produces no number. The native bandwidth reference's groups run likwid-bench
 * as processes instead ({@link LikwidBench}); where one of its runs fails, the rest are skipped and the calibration
 * goes on without the reference. After the plan, a {@link Refinement} may ask for more groups (full mode: more JVMs
 * where a figure is still too uncertain).
 */
public final class Calibrator {
    private final CalibrationPlan plan;
    private final CalibrationListener listener;
    private final boolean verbose;
    /** Steps started so far in this run: the progress index, which a failed reference run also takes. */
    private int started;

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
     * @param references the native bandwidth reference's runs, in run order (none when it was not planned or failed)
     * @param referenceFailure why the native bandwidth reference stopped, in one line, or null
     */
    public record Outcome(List<RunResult> results, List<StepResult> steps, double seconds, double loadBefore,
                          double loadAfter, double steal, List<ReferenceRun> references, String referenceFailure) {
        public Outcome {
            references = List.copyOf(references);
        }
    }

    /**
     * One likwid-bench run of the plan.
     *
     * @param step    its step (test, kernel, level, working set, threads)
     * @param command the command line
     * @param result  what it reported
     */
    public record ReferenceRun(Step step, List<String> command, LikwidBench.Result result) {
        public ReferenceRun {
            command = List.copyOf(command);
        }
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
        started = 0;
        int[] total = {planned.stream().mapToInt(List::size).sum()};
        List<RunResult> results = new ArrayList<>();
        List<StepResult> summaries = new ArrayList<>();
        LoadMonitor load = new LoadMonitor();
        double loadBefore = load.loadAverage1m();
        long start = System.nanoTime();
        Deque<List<Step>> queue = new ArrayDeque<>(planned);
        List<ReferenceRun> references = new ArrayList<>();
        String[] referenceFailure = {null};
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
            List<Step> group = queue.removeFirst();
            if (group.get(0).kind() != Step.Kind.NATIVE_BANDWIDTH) {
                runGroup(group, total[0], results, summaries, load);
            } else if (referenceFailure[0] == null) {
                int before = summaries.size();
                referenceFailure[0] = runReference(group, total[0], summaries, references, load);
                if (referenceFailure[0] != null) {
                    listener.referenceFailed(referenceFailure[0]);
                    // the reference's steps that will not run leave the count: the rest of this group (after the
                    // one that failed) and every later reference group
                    total[0] -= group.size() - (summaries.size() - before) - 1;
                    total[0] -= queue.stream().filter(g -> g.get(0).kind() == Step.Kind.NATIVE_BANDWIDTH)
                            .mapToInt(List::size).sum();
                    queue.removeIf(g -> g.get(0).kind() == Step.Kind.NATIVE_BANDWIDTH);
                }
            }
        }
        return new Outcome(results, summaries, (System.nanoTime() - start) / 1e9, loadBefore, load.loadAverage1m(),
                load.sinceStart().steal(), referenceFailure[0] == null ? references : List.of(), referenceFailure[0]);
    }

    private void runGroup(List<Step> group, int total, List<RunResult> results, List<StepResult> summaries,
                          LoadMonitor load) {
        try (StepJvm jvm = StepJvm.start(group, plan.mode(), verbose)) {
            for (Step step : group) {
                int index = ++started;
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

    /**
     * Runs likwid-bench for each step of a reference group, each for about {@link LikwidBench#seconds} at the rate
     * the JVM measured at the same set (the last result of the same kernel, set and threads).
     *
     * @return why a run failed, in one line, or null when every run gave a figure
     */
    String runReference(List<Step> group, int total, List<StepResult> summaries, List<ReferenceRun> runs,
                        LoadMonitor load) {
        LikwidBench likwid = plan.likwid();
        for (Step step : group) {
            int index = ++started;
            listener.stepStarted(index, total, step);
            long t0 = System.nanoTime();
            load.sinceLastSample();
            long ws = Long.parseLong(step.param("workingSetBytes"));
            int threads = Integer.parseInt(step.param("threads"));
            double jvmRate = summaries.stream().filter(r -> r.step().kind() == Step.Kind.BANDWIDTH
                    && r.step().benchmark().endsWith("." + step.param("kernel"))
                    && r.step().param("workingSetBytes").equals(step.param("workingSetBytes"))
                    && r.step().param("threads").equals(step.param("threads")))
                    .reduce((a, b) -> b).map(StepResult::score).orElse(Double.NaN);
            List<String> command = likwid.command(step.param("test"), ws, threads,
                    LikwidBench.iterations(jvmRate, ws, LikwidBench.seconds(plan.mode())));
            LikwidBench.Result result;
            try {
                result = likwid.measure(command);
            } catch (LikwidBench.Failed e) {
                return e.getMessage();
            }
            runs.add(new ReferenceRun(step, command, result));
            LoadMonitor.Usage usage = load.sinceLastSample();
            StepResult sr = new StepResult(step, result.bytesPerSecond(), Double.NaN, usage.busy(), usage.steal(),
                    (System.nanoTime() - t0) / 1e9, String.join(" ", command));
            summaries.add(sr);
            listener.stepFinished(index, total, sr);
        }
        return null;
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
