package dev.flopcal.measurement;

import java.util.Map;

/**
 * One JMH benchmark run of the plan: a harness with fixed parameters.
 *
 * @param kind      what it measures
 * @param benchmark fully qualified benchmark method, e.g. {@code dev.flopcal.benchmarks.GemmBenchmark.multiply}, or
 *                  {@link LikwidBench#BENCHMARK} for the native bandwidth reference
 * @param params    JMH parameters, in the harness's names
 * @param label     short human description, e.g. "gemm fp32 n=1024 t=2"
 * @param jvm       which of the step's JVMs runs it: 1 for the first pass over the plan, 2 for the second, ...
 */
public record Step(Kind kind, String benchmark, Map<String, String> params, String label, int jvm) {

    /** The kinds of measurement. */
    public enum Kind {
        /** Vector API GEMM. */
        GEMM,
        /** Native BLAS GEMM, the reference. */
        NATIVE_GEMM,
        /** FMA ceiling. */
        FMA,
        /** Bandwidth of a kernel (read, write, copy, triad) at a working-set size. */
        BANDWIDTH,
        /** likwid-bench at a bandwidth step's working set: the native reference, a process rather than a JVM. */
        NATIVE_BANDWIDTH
    }

    public Step {
        params = Map.copyOf(params);
        if (jvm < 1) {
            throw new IllegalArgumentException("jvm counts from 1, got " + jvm);
        }
    }

    /** A step of the first pass. */
    public Step(Kind kind, String benchmark, Map<String, String> params, String label) {
        this(kind, benchmark, params, label, 1);
    }

    /** The same measurement in another JVM. */
    public Step inJvm(int n) {
        return new Step(kind, benchmark, params, label, n);
    }

    /** The label with the JVM for steps after the first pass, e.g. "gemm fp32 n=1024 t=2 #2". */
    public String displayLabel() {
        return jvm == 1 ? label : label + " #" + jvm;
    }

    /** A parameter's value. */
    public String param(String name) {
        return params.get(name);
    }
}
