package dev.flopcal.reporting;

import java.util.Arrays;
import java.util.Locale;

import dev.flopcal.core.Units;
import dev.flopcal.measurement.GemmGap;
import dev.flopcal.measurement.Interleaved;

/** The text table of {@code calibrate gap}: median rates, then round-by-round ratios with what each one measures. */
public final class GemmGapReport {
    private GemmGapReport() {
    }

    public static String text(GemmGap gap, long sliceMillis, int warmupRounds) {
        Interleaved.Result r = gap.result();
        String unit = gap.precision().rateUnit();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "GEMM gap: %s, n=%d, %s, %d rounds of %d ms slices after %d"
                + " warm-up rounds%n", gap.precision(), gap.size(), Units.count(gap.threads(), "thread"), r.rounds(),
                sliceMillis, warmupRounds));
        s.append("CPU:    ").append(gap.cpu()).append('\n');
        s.append("JVM:    ").append(gap.jvmPath()).append('\n');
        s.append("native: ").append(gap.nativeNote()).append('\n');
        if (gap.threads() > 1) {
            s.append(String.format(Locale.ROOT, "fma and micro-kernel: one copy per thread; after every slice the run"
                    + " waited for idle threads to stop (median %d ms, longest %d ms)%n",
                    gap.settle().median().toMillis(), gap.settle().longest().toMillis()));
        }
        if (gap.steal() >= 0.005) {
            s.append(String.format(Locale.ROOT, "steal:  the hypervisor took %.1f%% of the CPU time during the rounds"
                    + " (slices far below the median are likely its)%n", 100 * gap.steal()));
        }
        s.append('\n');
        s.append(String.format(Locale.ROOT, "%-14s %16s %16s %16s%n", "workload", "median", "min", "max"));
        for (String name : r.names()) {
            double[] rates = r.rates(name);
            s.append(String.format(Locale.ROOT, "%-14s %16s %16s %16s%n", name, Units.rate(r.medianRate(name), unit),
                    Units.rate(Arrays.stream(rates).min().orElse(Double.NaN), unit),
                    Units.rate(Arrays.stream(rates).max().orElse(Double.NaN), unit)));
        }
        s.append(String.format(Locale.ROOT, "%n%-26s %7s %15s  %s%n", "ratio, round by round", "median", "quartiles",
                "what it measures"));
        ratio(s, r, GemmGap.MICRO_KERNEL, GemmGap.FMA, "code generation of the inner loop");
        ratio(s, r, GemmGap.GEMM, GemmGap.MICRO_KERNEL, "packing, cache misses, the C update");
        ratio(s, r, GemmGap.GEMM, GemmGap.FMA, "the whole gap to the FMA ceiling");
        if (gap.hasNative()) {
            ratio(s, r, GemmGap.NATIVE, GemmGap.FMA, "the native library's own gap");
            ratio(s, r, GemmGap.MICRO_KERNEL, GemmGap.NATIVE, "JVM micro-kernel against the whole native GEMM");
            ratio(s, r, GemmGap.GEMM, GemmGap.NATIVE, "JVM against native");
        }
        return s.toString();
    }

    private static void ratio(StringBuilder s, Interleaved.Result r, String num, String den, String what) {
        Interleaved.Ratio q = r.ratio(num, den);
        s.append(String.format(Locale.ROOT, "%-26s %7.3f %7.3f-%-7.3f  %s%n", num + " / " + den, q.median(),
                q.lowerQuartile(), q.upperQuartile(), what));
    }
}
