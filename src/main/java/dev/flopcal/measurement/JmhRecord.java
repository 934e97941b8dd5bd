package dev.flopcal.measurement;

import java.util.List;
import java.util.Map;

import dev.flopcal.core.InvalidInputException;

/**
 * One benchmark result of a JMH JSON file, reduced to what flopcal fits: the benchmark, its parameters and the
 * rate that matters (the {@code ops} or {@code bytes} secondary metric, or the primary one when the file has no
 * such metric).
 *
 * @param benchmark  fully qualified benchmark method
 * @param params     JMH parameters
 * @param metric     metric name: "ops", "bytes" or "primary"
 * @param score      mean rate, per second
 * @param error      JMH's 99.9% confidence half-width, per second; NaN when JMH could not compute one (n ≤ 2)
 * @param unit       JMH's unit, e.g. "ops/s"
 * @param forks      measured iteration values per fork (each fork is a JVM of its own), per second
 * @param jdkVersion JDK that ran the benchmark
 * @param jmhVersion JMH version
 */
public record JmhRecord(String benchmark, Map<String, String> params, String metric, double score, double error,
                        String unit, List<List<Double>> forks, String jdkVersion, String jmhVersion) {

    public JmhRecord {
        params = Map.copyOf(params);
        forks = forks.stream().<List<Double>>map(List::copyOf).toList();
    }

    /** Every measured iteration value, all forks together, per second. */
    public List<Double> iterations() {
        return forks.stream().flatMap(List::stream).toList();
    }

    /**
     * A copy with other parameters and rates: the same benchmark, metric and versions ({@link GemmMapping} turns
     * another harness's scores into FLOP/s this way).
     */
    public JmhRecord withRates(Map<String, String> newParams, double newScore, double newError, String newUnit,
                               List<List<Double>> newForks) {
        return new JmhRecord(benchmark, newParams, metric, newScore, newError, newUnit, newForks, jdkVersion,
                jmhVersion);
    }

    /** A parameter as text, or null. */
    public String param(String name) {
        return params.get(name);
    }

    /** A parameter as an int. */
    public int intParam(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new InvalidInputException(benchmark + " has no parameter '" + name + "'");
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(benchmark + " parameter " + name + "='" + v + "' is not an integer");
        }
    }

    /** Relative error: error / score (NaN when either is unknown). */
    public double relativeError() {
        return error / score;
    }

    /** The simple class name and method, e.g. "GemmBenchmark.multiply". */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }
}
