package dev.flopcal.kernels;

import dev.flopcal.core.Precision;

/**
 * A matrix-multiply implementation: C = A·B for the operands of {@link GemmOperands}.
 *
 * <p>Implementations own their worker threads; {@link #close()} stops them. An instance may be reused for any
 * number of products of any shape, but is not safe for concurrent calls.
 */
public interface Gemm extends AutoCloseable {

    /** Short implementation name, e.g. {@code "vector-512"} or {@code "scalar"}. */
    String name();

    /** Number of threads one product is split over (1 or more). */
    int threads();

    /**
     * How products in this precision are computed, in words a profile can record, e.g.
     * {@code "bf16 widened to fp32 while packing; 512-bit fp32 FMA; fp32 accumulation"}.
     */
    String path(Precision precision);

    /**
     * Computes C = A·B, overwriting C.
     *
     * @throws IllegalArgumentException if the precision has no kernel here
     */
    void multiply(GemmOperands operands);

    /** Stops the worker threads; further calls fail. */
    @Override
    void close();
}
