package dev.flopcal.reporting;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.flopcal.measurement.Step;

/**
 * How long a calibration has left, from how long its finished steps took: each step still to run is expected to
 * take as long as the finished steps of its kind and place did on average (place: first in its group, which starts a
 * JVM, or later in it), else as the finished steps of its kind did, else as all finished steps did. Why by kind:
 * steps differ by kind far more than within one (on the 2-core development VM, a default run with a JVM per step:
 * FMA probe about 1.8 s, GEMM 2.4 s, native GEMM 1.1 s, bandwidth 1.4 s), and the plan runs the kinds in blocks, so
 * an overall mean after the first FMA steps said "1m 36s left" where 2 minutes were. Why by place: a GEMM step that
 * starts a JVM waits for the JIT to compile the kernel, the next sizes in that JVM do not.
 */
public final class TimeLeft {
    private record Key(Step.Kind kind, boolean opensJvm) {
    }

    private final List<Key> keys = new ArrayList<>();
    private final Map<Key, double[]> byKey = new HashMap<>();
    private final Map<Step.Kind, double[]> byKind = new EnumMap<>(Step.Kind.class);
    private double seconds;
    private int finished;

    /** @param groups the plan's steps, in run order, in the groups that share a JVM */
    public TimeLeft(List<List<Step>> groups) {
        for (List<Step> group : groups) {
            for (int i = 0; i < group.size(); i++) {
                keys.add(new Key(group.get(i).kind(), i == 0));
            }
        }
    }

    /** Records that the step at {@code index} (from 1) took {@code stepSeconds}. */
    public void finished(int index, double stepSeconds) {
        if (index > keys.size()) {
            // a step added after the plan (full mode's refinement): it counts towards the averages only
            seconds += stepSeconds;
            finished++;
            return;
        }
        Key key = keys.get(index - 1);
        add(byKey.computeIfAbsent(key, k -> new double[2]), stepSeconds);
        add(byKind.computeIfAbsent(key.kind(), k -> new double[2]), stepSeconds);
        seconds += stepSeconds;
        finished++;
    }

    /** Seconds the steps after {@code index} (from 1) are expected to take; 0 before any step has finished. */
    public double after(int index) {
        if (finished == 0) {
            return 0;
        }
        double overall = seconds / finished, left = 0;
        for (int i = index; i < keys.size(); i++) {
            double[] s = byKey.get(keys.get(i));
            if (s == null) {
                s = byKind.get(keys.get(i).kind());
            }
            left += s == null ? overall : s[0] / s[1];
        }
        return left;
    }

    private static void add(double[] sum, double value) {
        sum[0] += value;
        sum[1]++;
    }
}
