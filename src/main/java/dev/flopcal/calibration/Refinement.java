package dev.flopcal.calibration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openjdk.jmh.results.RunResult;

import dev.flopcal.core.Precision;
import dev.flopcal.measurement.CalibrationPlan;
import dev.flopcal.measurement.Calibrator;
import dev.flopcal.measurement.JmhResults;
import dev.flopcal.measurement.Mode;
import dev.flopcal.measurement.Step;
import dev.flopcal.profiles.CpuProfileBuilder;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;

/**
 * Full mode's use of the time left after the plan: one more JVM at a time for the precision whose achieved figure
 * is the least certain, at the sizes that figure averages, until every fp32 and fp64 interval (and, time allowing,
 * every other) is within ±{@value #TARGET_PERCENT}% or the mode's time is up. The interval narrows as √(1/J) with the
 * JVMs J behind the figure, so the time goes where it buys the most.
 */
final class Refinement implements Calibrator.Refinement {
    /** Half-width of the achieved interval full mode measures towards, percent of the figure. */
    static final int TARGET_PERCENT = 2;
    /** Seconds a new JVM costs before it measures (start-up, the harness's checks and JIT warm-up), on 2 cores. */
    static final double JVM_SECONDS = 3.0;

    private final CalibrationPlan plan;
    private final CpuProfileBuilder.Inputs inputs;

    /**
     * @param plan   the plan that ran (its mode gives the time limit)
     * @param inputs the builder's inputs for provisional profiles
     */
    Refinement(CalibrationPlan plan, CpuProfileBuilder.Inputs inputs) {
        this.plan = plan;
        this.inputs = inputs;
    }

    /** The target as a fraction. */
    static double target() {
        return TARGET_PERCENT / 100.0;
    }

    @Override
    public List<List<Step>> next(List<RunResult> results, double seconds) {
        int limit = plan.mode().refineUntilSeconds();
        if (limit <= 0) {
            return List.of();
        }
        Profile provisional = CpuProfileBuilder.build(inputs,
                JmhResults.parse("results so far", Calibrator.toJson(results)));
        Optional<Map.Entry<String, PrecisionProfile>> widest = provisional.precisions().entrySet().stream()
                .filter(e -> halfWidth(e.getValue()) > target())
                .max(Comparator.comparingInt((Map.Entry<String, PrecisionProfile> e) -> priority(e.getKey()))
                        .thenComparingDouble(e -> halfWidth(e.getValue())));
        if (widest.isEmpty()) {
            return List.of();
        }
        PrecisionProfile e = widest.get().getValue();
        Precision p = Precision.parse(widest.get().getKey());
        int threads = e.achievedAt().threads();
        List<Integer> sizes = e.achievedSizes();
        int jvm = e.samples().stream().filter(s -> s.threads() == threads && sizes.contains(s.n()))
                .mapToInt(s -> s.jvms() == null ? 1 : s.jvms()).max().orElse(1) + 1;
        if (seconds + groupSeconds(sizes.size(), plan.mode()) > limit) {
            return List.of();
        }
        List<List<Step>> groups = new ArrayList<>();
        plan.gemm(p, threads, sizes, jvm).forEach(groups::add);
        return groups;
    }

    /** fp32 and fp64 first: the target is theirs; the other precisions get what time is left. */
    private static int priority(String precision) {
        return precision.equals("fp32") || precision.equals("fp64") ? 1 : 0;
    }

    private static double halfWidth(PrecisionProfile e) {
        if (e.achievedCi95() == null || e.achievedFlops() == null) {
            return 0;
        }
        return (e.achievedCi95().get(1) - e.achievedCi95().get(0)) / 2 / e.achievedFlops();
    }

    /** Seconds a JVM measuring that many sizes takes. */
    static double groupSeconds(int sizes, Mode mode) {
        double perStep = (mode.warmupIterations() * mode.warmupMillis()
                + mode.measurementIterations() * mode.measurementMillis()) / 1000.0;
        return JVM_SECONDS + sizes * perStep;
    }
}
