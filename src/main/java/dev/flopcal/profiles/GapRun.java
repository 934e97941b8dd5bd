package dev.flopcal.profiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.flopcal.measurement.GemmGap;
import dev.flopcal.measurement.Interleaved;

/**
 * One round-by-round comparison of the JVM's GEMM with the FMA ceiling, its own micro-kernel and native BLAS at one
 * size and thread count ({@link GemmGap}, as {@code calibrate gap} runs it), kept in a profile beside the JMH samples.
 * The workloads take turns in short slices, so each round's ratios compare rates measured within a second of each
 * other: on a shared machine this is far steadier than two JMH measurements minutes apart.
 *
 * <p>The per-round rates are the raw data of this measurement and are kept in full; {@code verify} recomputes
 * every ratio from them.
 *
 * @param n       size of the n×n×n product
 * @param threads threads of every workload
 * @param sliceMs milliseconds each workload ran per round
 * @param steal   share of the machine's CPU time the hypervisor gave to other guests during the rounds, null if unknown
 * @param ratios  per-round ratio "numerator/denominator" summarised by median and quartiles; see {@link #RATIOS}
 * @param rates   per workload ({@link GemmGap#FMA}, {@link GemmGap#MICRO_KERNEL}, {@link GemmGap#GEMM},
 *                {@link GemmGap#NATIVE}), its rate in each round (FLOP/s)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"n", "threads", "sliceMs", "steal", "ratios", "rates"})
public record GapRun(int n, int threads, double sliceMs, Double steal, Map<String, Quartiles> ratios,
                     Map<String, List<Double>> rates) {

    /** Median and quartiles of a per-round ratio. */
    public record Quartiles(double median, double lowerQuartile, double upperQuartile) {
    }

    /** The ratios a run records, numerator then denominator; those involving native only when it ran. */
    static final List<String[]> RATIOS = List.of(
            new String[] {GemmGap.GEMM, GemmGap.NATIVE},
            new String[] {GemmGap.MICRO_KERNEL, GemmGap.FMA},
            new String[] {GemmGap.GEMM, GemmGap.MICRO_KERNEL},
            new String[] {GemmGap.GEMM, GemmGap.FMA},
            new String[] {GemmGap.NATIVE, GemmGap.FMA},
            new String[] {GemmGap.MICRO_KERNEL, GemmGap.NATIVE});

    /** Key of the JVM-against-native ratio in {@link #ratios}. */
    public static final String GEMM_OVER_NATIVE = GemmGap.GEMM + "/" + GemmGap.NATIVE;

    public GapRun {
        ratios = ratios == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ratios));
        if (rates != null) {
            Map<String, List<Double>> copy = new LinkedHashMap<>();
            rates.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            rates = java.util.Collections.unmodifiableMap(copy);
        }
    }

    /** The record of a measured gap. */
    public static GapRun of(GemmGap gap, double sliceMs) {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (String name : gap.result().names()) {
            List<Double> r = new ArrayList<>();
            for (double v : gap.result().rates(name)) {
                r.add(v);
            }
            rates.put(name, r);
        }
        return recomputed(gap.size(), gap.threads(), sliceMs, gap.steal(), rates);
    }

    /** A run whose ratios are computed from the given per-round rates. */
    static GapRun recomputed(int n, int threads, double sliceMs, Double steal, Map<String, List<Double>> rates) {
        List<String> names = List.copyOf(rates.keySet());
        double[][] matrix = new double[names.size()][];
        for (int w = 0; w < matrix.length; w++) {
            matrix[w] = rates.get(names.get(w)).stream().mapToDouble(Double::doubleValue).toArray();
        }
        Interleaved.Result result = new Interleaved.Result(names, matrix);
        Map<String, Quartiles> ratios = new LinkedHashMap<>();
        for (String[] pair : RATIOS) {
            if (names.contains(pair[0]) && names.contains(pair[1])) {
                Interleaved.Ratio q = result.ratio(pair[0], pair[1]);
                ratios.put(pair[0] + "/" + pair[1], new Quartiles(q.median(), q.lowerQuartile(), q.upperQuartile()));
            }
        }
        return new GapRun(n, threads, sliceMs, steal, ratios, rates);
    }

    /** This run with its ratios recomputed from its rates (what {@code verify} compares against). */
    GapRun recomputed() {
        return recomputed(n, threads, sliceMs, steal, rates);
    }

    /** Measured rounds. */
    public int rounds() {
        return rates == null || rates.isEmpty() ? 0 : rates.values().iterator().next().size();
    }
}
