package dev.flopcal.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One measured GEMM rate.
 *
 * @param n       square size (m = n = k)
 * @param threads threads the product was split over
 * @param flops   rate, FLOP/s (op/s for int8)
 * @param error   99.9% confidence half-width, same unit; null when JMH could not compute one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Sample(int n, int threads, double flops, Double error) {

    /** error / flops, NaN when unknown. */
    public double relativeError() {
        return error == null ? Double.NaN : error / flops;
    }
}
