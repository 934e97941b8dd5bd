package dev.flopcal.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.flopcal.core.Precision;
import dev.flopcal.core.Quantity;
import dev.flopcal.core.Units;
import dev.flopcal.measurement.CalibrationPlan;
import dev.flopcal.profiles.Ceilings;
import dev.flopcal.profiles.Device;
import dev.flopcal.profiles.GapRun;
import dev.flopcal.profiles.NominalKind;
import dev.flopcal.profiles.PrecisionFits;
import dev.flopcal.profiles.PrecisionProfile;
import dev.flopcal.profiles.Profile;
import dev.flopcal.profiles.Roofline;
import dev.flopcal.profiles.Sample;

/** The text a calibration prints: achieved against nominal per precision, the native reference, the ceilings. */
public final class CalibrationSummary {
    private CalibrationSummary() {
    }

    /** The summary table and notes of a CPU profile. */
    public static String render(Profile p) {
        StringBuilder out = new StringBuilder();
        Device d = p.device();
        out.append(String.format(Locale.ROOT, "%s — %s%s, %d cores / %d threads; clock %s (%s)%n", p.id(), d.name(),
                d.microarchitectureName() == null ? "" : " (" + d.microarchitectureName() + ")", nz(d.cores()),
                nz(d.threads()), d.clock() == null ? "n/a" : Units.ghz(d.clock().usedHz()),
                d.clock() == null ? "unknown" : d.clock().basis()));
        out.append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"precision", "nominal (kind)", "achieved (± rerun 95%)", "achieved/nominal",
            "of FMA ceiling", "sizes, threads", "size curve: sustained at top size"});
        boolean sameRatio = false;
        for (Map.Entry<String, PrecisionProfile> e : p.precisions().entrySet()) {
            PrecisionProfile pp = e.getValue();
            String unit = Precision.parse(e.getKey()).rateUnit();
            PrecisionFits.Utilization u = pp.fits() == null ? null : pp.fits().utilization();
            Double ofCeiling = u == null ? null : u.ofCeiling().value();
            // a nominal derived from the FMA ceiling is that ceiling where the precision runs the same FMA: the
            // two ratios are one
            boolean same = pp.nominalKind() == NominalKind.CEILING_DERIVED && pp.utilization() != null
                    && ofCeiling != null && Math.abs(pp.utilization() / ofCeiling - 1) < 1e-9;
            sameRatio |= same;
            rows.add(new String[] {e.getKey(),
                    Units.rate(pp.nominalFlops(), unit) + (pp.nominalKind() == null ? "" : " (" + pp.nominalKind() + ")"),
                    Units.rate(pp.achievedFlops(), unit) + " " + Units.plusMinus(pp.achievedError(), nz(pp.achievedFlops())),
                    same ? "= of FMA ceiling" : Units.ratio(pp.utilization()),
                    ofCeiling == null ? "n/a" : Units.ratio(ofCeiling),
                    where(pp), sustained(pp, unit)});
        }
        out.append(Tables.text(rows));
        out.append("± is the interval a rerun's figure falls in with 95% probability (within- and between-JVM"
                + " variance).\n");
        if (sameRatio) {
            out.append("= of FMA ceiling: the nominal figure is derived from the measured fp32 FMA ceiling (the OS hides"
                    + " the clock), so achieved/nominal and achieved/ceiling are the same ratio.\n");
        }
        out.append("\nNominal basis:\n");
        String clockBasis = d.clock() == null ? null : " (" + d.clock().basis() + ")";
        p.precisions().forEach((k, pp) -> out.append(String.format("  %-5s %s%n", k, pp.nominalBasis() == null ? "unknown"
                : clockBasis == null ? pp.nominalBasis() : pp.nominalBasis().replace(clockBasis, ""))));
        String nativeLine = nativeComparison(p);
        if (!nativeLine.isEmpty()) {
            out.append('\n').append(nativeLine);
        }
        String gapLines = roundByRound(p);
        if (!gapLines.isEmpty()) {
            out.append('\n').append(gapLines);
        }
        if (p.ceilings() != null && p.ceilings().fma() != null) {
            out.append("\nFMA ceiling (measured / nominal at the same cores):\n");
            p.ceilings().fma().forEach((k, list) -> {
                for (Ceilings.FmaCeiling c : list) {
                    out.append(String.format(Locale.ROOT, "  %-5s t=%d  %s %s  (%s of %s)%n", k, c.threads(),
                            Units.rate(c.flops(), "FLOP/s"), Units.plusMinus(c.error(), c.flops()),
                            Units.ratio(c.ratioToNominal()), Units.rate(c.nominalFlops(), "FLOP/s")));
                }
            });
        }
        Roofline r = p.roofline();
        if (r != null) {
            String kernels = bandwidthKernels(r);
            if (!kernels.isEmpty()) {
                out.append('\n').append(kernels);
            } else {
                out.append(String.format("%nMemory bandwidth plateaus (triad, %s):%n", Units.count(r.threads(), "thread")));
                for (Roofline.MemoryLevel l : r.memory()) {
                    Quantity b = l.bytesPerSecond();
                    out.append(String.format(Locale.ROOT, "  %-4s %s %s%n", l.level(), Units.rate(b.value(), "B/s"),
                            Units.plusMinus(b.hasInterval() ? b.halfWidth() : Double.NaN, b.valueOrNaN())).stripTrailing()
                            + "\n");
                }
            }
            if (r.ridge() != null) {
                r.ridge().forEach((k, v) -> out.append(String.format(Locale.ROOT, "  ridge point %s: %.2f FLOP/byte%n", k, v)));
            }
            out.append(gemmOnRoofline(r));
        }
        if (!p.notes().isEmpty()) {
            out.append("\nNotes:\n");
            for (String n : p.notes()) {
                out.append("  - ").append(n).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Where each precision's GEMM sits on the roofline: its smallest and largest size, their arithmetic intensity,
     * the roof that bounds them and the fraction of it they reach; empty when the profile places no GEMM points.
     */
    static String gemmOnRoofline(Roofline r) {
        if (r.gemm() == null || r.gemm().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(String.format("%nGEMM on the roofline (%s; share of the roof that bounds"
                + " it):%n", Units.count(r.threads(), "thread")));
        r.gemm().forEach((precision, points) -> {
            List<Roofline.GemmPoint> ends = points.size() == 1 ? points
                    : List.of(points.get(0), points.get(points.size() - 1));
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-5s", precision));
            String sep = "";
            for (Roofline.GemmPoint g : ends) {
                line.append(String.format(Locale.ROOT, "%s n = %d at %s FLOP/B: %.2f of %s", sep, g.n(),
                        Units.plain(g.intensity()), g.ofRoof(), g.roof()));
                sep = ";";
            }
            out.append(line).append('\n');
        });
        return out.toString();
    }

    /**
     * Every bandwidth kernel at each memory level beside the native reference at the same working set and threads
     * (likwid-bench), with their ratio; the triad is the level's plateau, the roofline's roof. Empty for profiles from
     * before the kernels.
     */
    static String bandwidthKernels(Roofline r) {
        if (r.memory() == null || r.memory().stream().allMatch(l -> l.kernels() == null)) {
            return "";
        }
        String tool = r.memory().stream().filter(l -> l.kernels() != null).flatMap(l -> l.kernels().stream())
                .filter(k -> k.reference() != null).map(k -> k.reference().tool()).findFirst().orElse(null);
        List<String[]> rows = new ArrayList<>();
        rows.add(tool == null ? new String[] {"level", "working set", "kernel", "JVM (± rerun 95%)"}
                : new String[] {"level", "working set", "kernel", "JVM (± rerun 95%)", tool, "test", "JVM/native (95%)"});
        for (Roofline.MemoryLevel l : r.memory()) {
            if (l.kernels() == null) {
                continue;
            }
            boolean first = true;
            for (Roofline.KernelBandwidth k : l.kernels()) {
                String level = first ? l.level() : "";
                String ws = first ? CalibrationPlan.humanBytes(k.workingSetBytes()) : "";
                first = false;
                String jvm = rateWithError(k.bytesPerSecond());
                if (tool == null) {
                    rows.add(new String[] {level, ws, k.kernel(), jvm});
                    continue;
                }
                Roofline.NativeBandwidth n = k.reference();
                Quantity q = k.ofReference();
                rows.add(new String[] {level, ws, k.kernel(), jvm, n == null ? "n/a" : rateWithError(n.bytesPerSecond()),
                        n == null ? "" : n.test(), q == null || q.value() == null ? "n/a" : String.format(Locale.ROOT,
                        "%.2f%s", q.value(), q.hasInterval() ? String.format(Locale.ROOT, " (%.2f-%.2f)", q.low(), q.high())
                        : "")});
            }
        }
        StringBuilder out = new StringBuilder(String.format("Memory bandwidth (%s; STREAM byte counts; the triad is each"
                + " level's plateau)%s:%n", Units.count(r.threads(), "thread"), tool == null ? ", no native reference"
                : ", JVM against " + tool + " at the same working sets"));
        Tables.text(rows).lines().forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString();
    }

    private static String rateWithError(Quantity q) {
        if (q == null || q.value() == null) {
            return "n/a";
        }
        return (Units.rate(q.value(), "B/s") + " " + Units.plusMinus(q.hasInterval() ? q.halfWidth() : Double.NaN,
                q.value())).stripTrailing();
    }

    /** JVM against native at the shapes both measured, largest threads first; empty without native samples. */
    static String nativeComparison(Profile p) {
        StringBuilder out = new StringBuilder();
        for (String key : List.of("fp32", "fp64")) {
            PrecisionProfile pp = p.precisions().get(key);
            if (pp == null || pp.nativeSamples() == null || pp.samples() == null) {
                continue;
            }
            if (out.isEmpty()) {
                out.append("JVM against native BLAS (").append(p.nativeBlas() == null ? "?" : p.nativeBlas().library())
                        .append(", ").append(p.nativeBlas() == null ? "?" : p.nativeBlas().usedCore()).append(" kernels):\n");
            }
            for (Sample n : pp.nativeSamples()) {
                pp.samples().stream().filter(s -> s.n() == n.n() && s.threads() == n.threads()).findFirst().ifPresent(s ->
                        out.append(String.format(Locale.ROOT, "  %-5s n=%-5d t=%d  JVM %-16s native %-16s JVM/native %s %s%n",
                                key, n.n(), n.threads(), Units.rate(s.flops(), "FLOP/s"), Units.rate(n.flops(), "FLOP/s"),
                                Units.ratio(s.flops() / n.flops()), ratioError(s, n)).stripTrailing() + "\n"));
            }
        }
        if (!out.isEmpty()) {
            out.append("  (± combines the two rates' rerun intervals; `./calibrate gap` compares the two round by round,"
                    + " which is steadier)\n");
        }
        return out.toString();
    }

    /** The round-by-round comparisons (full mode): median and quartiles of each round's ratios; empty without any. */
    static String roundByRound(Profile p) {
        StringBuilder out = new StringBuilder();
        for (String key : List.of("fp32", "fp64")) {
            PrecisionProfile pp = p.precisions().get(key);
            if (pp == null || pp.gap() == null) {
                continue;
            }
            if (out.isEmpty()) {
                out.append("Round by round (workloads taking turns in short slices; median and quartiles of each round's"
                        + " ratio):\n");
            }
            for (GapRun g : pp.gap()) {
                out.append(String.format(Locale.ROOT, "  %-5s n=%-5d t=%d  %s  %s  %s%s%n", key, g.n(), g.threads(),
                        labelled("JVM/native", quartiles(g, GapRun.GEMM_OVER_NATIVE)),
                        labelled("micro-kernel/FMA", quartiles(g, "micro-kernel/fma")),
                        labelled("GEMM/micro-kernel", quartiles(g, "gemm/micro-kernel")),
                        g.steal() != null && g.steal() >= 0.05
                                ? String.format(Locale.ROOT, "  (hypervisor took %.0f%%)", 100 * g.steal()) : ""));
            }
        }
        return out.toString();
    }

    /** A run's ratio as "0.929 (0.899-0.976)": median (quartiles); empty when the run has no such ratio. */
    static String quartiles(GapRun g, String key) {
        GapRun.Quartiles q = g.ratios() == null ? null : g.ratios().get(key);
        return q == null ? "" : String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", q.median(), q.lowerQuartile(),
                q.upperQuartile());
    }

    private static String labelled(String label, String value) {
        return value.isEmpty() ? "" : label + " " + value;
    }

    /**
     * The ratio's relative half-width, as "±12.3%": the two relative half-widths added in quadrature (first order,
     * independent measurements); empty when either is unknown.
     */
    static String ratioError(Sample jvm, Sample nat) {
        return Units.plusMinus(Math.hypot(jvm.relativeError(), nat.relativeError()), 1);
    }

    /** "n=512-1024 t=2": the sizes the achieved figure averages and its thread count. */
    private static String where(PrecisionProfile pp) {
        if (pp.achievedAt() == null) {
            return "";
        }
        List<Integer> sizes = pp.achievedSizes();
        String n = sizes == null || sizes.size() < 2 ? Integer.toString(pp.achievedAt().n())
                : sizes.get(0) + "-" + sizes.get(sizes.size() - 1);
        return "n=" + n + " t=" + pp.achievedAt().threads();
    }

    /**
     * The size curve at the largest thread count: its sustained value at the top of the measured range, its model,
     * and its asymptote where that lies beyond the measured range ("r∞ 421.1 extrapolated").
     */
    private static String sustained(PrecisionProfile pp, String unit) {
        if (pp.fits() == null || pp.fits().sizeCurves() == null || pp.fits().sizeCurves().isEmpty()) {
            return "";
        }
        PrecisionFits.CurveFit f = pp.fits().sizeCurves().get(pp.fits().sizeCurves().size() - 1);
        Quantity s = f.sustained();
        if (s == null || s.value() == null) {
            var r = f.parameters() == null ? null : f.parameters().get("rInf");
            return r == null || r.value() == null ? "n/a" : f.model() + ": r∞ " + Units.rate(r.value(), unit);
        }
        Quantity rInf = f.parameters() == null ? null : f.parameters().get("rInf");
        return Units.rate(s.value(), unit) + (s.hasInterval() ? " " + Units.plusMinus(s.halfWidth(), s.value()) : "")
                + " (" + f.model() + (Boolean.TRUE.equals(f.extrapolated()) && rInf != null && rInf.value() != null
                ? ", r∞ " + Units.rate(rInf.value(), unit) + " extrapolated" : "") + ")"
                + (f.lowConfidence() ? " low confidence" : "");
    }

    private static double nz(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static int nz(Integer v) {
        return v == null ? 0 : v;
    }
}
