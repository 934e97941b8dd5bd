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
 * @param jvms    how many JVMs measured it; null in profiles made before JVMs were counted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sample(int n, int threads, double flops, Double error, Integer jvms) {

    /** A sample without a JVM count. */
    public Sample(int n, int threads, double flops, Double error) {
        this(n, threads, flops, error, null);
    }

    /** error / flops, NaN when unknown. */
    public double relativeError() {
        return error == null ? Double.NaN : error / flops;
    }
}
