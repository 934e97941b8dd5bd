package dev.flopcal.measurement;

import java.util.Map;

/**
 * One JMH benchmark run of the plan: a harness with fixed parameters.
 *
 * @param kind      what it measures
 * @param benchmark fully qualified benchmark method, e.g. {@code dev.flopcal.benchmarks.GemmBenchmark.multiply}
 * @param params    JMH parameters, in the harness's names
 * @param label     short human description, e.g. "gemm fp32 n=1024 t=2"
 */
public record Step(Kind kind, String benchmark, Map<String, String> params, String label) {

    /** The four kinds of measurement. */
    public enum Kind {
        /** Vector API GEMM. */
        GEMM,
        /** Native BLAS GEMM, the reference. */
        NATIVE_GEMM,
        /** FMA ceiling. */
        FMA,
        /** Triad bandwidth by working-set size. */
        BANDWIDTH
    }

    public Step {
        params = Map.copyOf(params);
    }

    /** A parameter's value. */
    public String param(String name) {
        return params.get(name);
    }
}
