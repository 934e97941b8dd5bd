package dev.flopcal.reporting;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.flopcal.measurement.Step;

/**
 * How long a calibration has left, from how long its finished steps took: each step still to run is expected to
 * take as long as the finished steps of its kind did on average, or, for a kind not seen yet, as long as all finished
 * steps did. Why by kind: steps differ by kind far more than within one (on the 2-core development VM, a default run:
 * FMA probe about 1.8 s, GEMM 2.4 s, native GEMM 1.1 s, bandwidth 1.4 s), and the plan runs the kinds in blocks,
 * so an overall mean after the first FMA steps said "1m 36s left" where 2 minutes were.
 */
public final class TimeLeft {
    private final List<Step.Kind> kinds;
    private final Map<Step.Kind, double[]> byKind = new EnumMap<>(Step.Kind.class);
    private double seconds;
    private int finished;

    /** @param steps the plan's steps, in run order */
    public TimeLeft(List<Step> steps) {
        this.kinds = steps.stream().map(Step::kind).toList();
    }

    /** Records that the step at {@code index} (from 1) took {@code stepSeconds}. */
    public void finished(int index, double stepSeconds) {
        double[] s = byKind.computeIfAbsent(kinds.get(index - 1), k -> new double[2]);
        s[0] += stepSeconds;
        s[1]++;
        seconds += stepSeconds;
        finished++;
    }

    /** Seconds the steps after {@code index} (from 1) are expected to take; 0 before any step has finished. */
    public double after(int index) {
        if (finished == 0) {
            return 0;
        }
        double overall = seconds / finished, left = 0;
        for (int i = index; i < kinds.size(); i++) {
            double[] s = byKind.get(kinds.get(i));
            left += s == null ? overall : s[0] / s[1];
        }
        return left;
    }
}
