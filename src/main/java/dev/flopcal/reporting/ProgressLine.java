package dev.flopcal.reporting;

import java.util.Locale;

import dev.flopcal.core.Units;
import dev.flopcal.measurement.GemmGap;
import dev.flopcal.measurement.Interleaved;
import dev.flopcal.measurement.Step;
import dev.flopcal.measurement.StepResult;

/** One line of calibration progress: "[ 3/76] gemm fp32 n=512 t=1 ........ 95.1 GFLOP/s ±1.2%  (1.4 s)". */
public final class ProgressLine {
    private ProgressLine() {
    }

    /** The start of a step's line (no line break). */
    public static String started(int index, int total, Step step) {
        int w = Integer.toString(total).length();
        return dotted(String.format(Locale.ROOT, "[%" + w + "d/%d] %s ", index, total, step.displayLabel()));
    }

    /** The start of a round-by-round comparison's line (no line break). */
    public static String gapStarted(int index, int total, String label) {
        return dotted(String.format(Locale.ROOT, "[gap %d/%d] %s ", index, total, label));
    }

    /** The end of a round-by-round comparison's line: JVM against native (median and quartiles), time, steal. */
    public static String gapFinished(GemmGap gap, double seconds) {
        String ratio = "no native reference";
        if (gap.hasNative()) {
            Interleaved.Ratio q = gap.result().ratio(GemmGap.GEMM, GemmGap.NATIVE);
            ratio = String.format(Locale.ROOT, "JVM/native %.3f (quartiles %.3f-%.3f)", q.median(), q.lowerQuartile(),
                    q.upperQuartile());
        }
        return String.format(Locale.ROOT, "%s  (%s, %d rounds%s)", ratio, Units.duration(seconds), gap.result().rounds(),
                gap.steal() >= StepResult.NOTICEABLE_STEAL ? stolen(gap.steal()) : "");
    }

    /** The end of a step's line: rate, error, time, and the estimated time left (see {@link TimeLeft}). */
    public static String finished(int index, int total, StepResult r, double leftSeconds) {
        Step.Kind kind = r.step().kind();
        String unit = kind == Step.Kind.BANDWIDTH || kind == Step.Kind.NATIVE_BANDWIDTH ? "B/s"
                : "int8".equals(r.step().param("precision")) ? "op/s" : "FLOP/s";
        return String.format(Locale.ROOT, "%s %s  (%s%s%s)", Units.rate(r.score(), unit),
                Units.plusMinus(r.error(), r.score()), Units.duration(r.seconds()),
                r.noticeableSteal() ? stolen(r.steal()) : "",
                index < total ? ", about " + Units.duration(leftSeconds) + " left" : "");
    }

    /** The hypervisor's share of CPU time (steal, a fraction) as ", hypervisor took 12%". */
    private static String stolen(double steal) {
        return String.format(Locale.ROOT, ", hypervisor took %.0f%%", 100 * steal);
    }

    /** The head of a line, dotted out to column 40 (at least three dots) so that the results line up. */
    private static String dotted(String head) {
        return head + ".".repeat(Math.max(3, 40 - head.length())) + " ";
    }

    /** The line that announces full mode's extra JVMs, which measure until every interval is within the target. */
    public static String refinementStarted(double target) {
        return "more JVMs where an achieved figure is least certain (until its interval is within ±"
                + Units.percent(target).replace(".0%", "%") + " or the time is up):";
    }
}
