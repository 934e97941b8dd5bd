package dev.flopcal.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One measured GEMM rate.
 *
 * @param n       square size (m = n = k)
 * @param threads threads the product was split over
 * @param flops   rate, FLOP/s (op/s for int8): the mean of its JVMs' medians
 * @param error   half-width of the 95% interval a rerun falls in ({@code fitting.Replicates}), same unit; null when
 *                unknown (older profiles: JMH's 99.9% half-width)
 * @param jvms    how many JVMs' figures it combines; null in profiles made before JVMs were counted
 * @param setAside how many further JVMs measured it and were set aside as disturbed (a note names them); null for
 *                 none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sample(int n, int threads, double flops, Double error, Integer jvms, Integer setAside) {

    /** A sample without a JVM count. */
    public Sample(int n, int threads, double flops, Double error) {
        this(n, threads, flops, error, null, null);
    }

    /** A sample with no JVM set aside. */
    public Sample(int n, int threads, double flops, Double error, Integer jvms) {
        this(n, threads, flops, error, jvms, null);
    }

    /** error / flops, NaN when unknown. */
    public double relativeError() {
        return error == null ? Double.NaN : error / flops;
    }
}
