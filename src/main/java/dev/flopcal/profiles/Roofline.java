package dev.flopcal.profiles;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.flopcal.core.Quantity;

/**
 * The fitted roofline at the largest thread count measured.
 *
 * @param threads   threads of the ceilings
 * @param compute   FMA ceiling by precision, FLOP/s, with the 95% interval a rerun falls in
 * @param memory    bandwidth plateau of each memory level found in the sweep, fastest first
 * @param ridge     ridge point by precision: compute ceiling / DRAM bandwidth, FLOP per byte (null without DRAM)
 * @param gemm      the measured GEMM rates at {@code threads} by precision, each placed at its arithmetic intensity
 *                  under the roof that bounds it, smallest size first (null in profiles made before they were placed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Roofline(int threads, Map<String, Quantity> compute, List<MemoryLevel> memory, Map<String, Double> ridge,
                       Map<String, List<GemmPoint>> gemm) {

    /** A roofline without GEMM points. */
    public Roofline(int threads, Map<String, Quantity> compute, List<MemoryLevel> memory, Map<String, Double> ridge) {
        this(threads, compute, memory, ridge, null);
    }

    /**
     * @param level           "L1", "L2", "L3" or "DRAM"
     * @param bytesPerSecond  plateau bandwidth: the mean over its JVMs of each JVM's mean over the level's working
     *                        sets, with the 95% interval a rerun falls in
     * @param workingSets     the working sets (bytes) that fell in this level
     */
    public record MemoryLevel(String level, Quantity bytesPerSecond, List<Long> workingSets) {
    }

    /**
     * One measured GEMM rate on the roofline. The operands' bytes are those of A, B and C as the kernel stores them
     * (C in fp32 for bf16 and fp16, int32 for int8), each counted once: the least traffic the product needs.
     *
     * @param n          square size
     * @param intensity  arithmetic intensity, 2n³ over the operands' bytes, FLOP (op) per byte
     * @param flops      the measured rate (mean over its JVMs), FLOP/s (op/s for int8)
     * @param level      memory level the operands fit in (by the sweep's rule, the next level out for a set between
     *                   two), whose bandwidth plateau is the memory roof
     * @param roof       the roof that bounds the point: the compute ceiling ({@code "fp32 FMA"}) or the memory
     *                   level ({@code "L2"}), whichever is lower at this intensity
     * @param roofFlops  attainable rate at this intensity: min(compute ceiling, bandwidth × intensity)
     * @param ofRoof     flops / roofFlops: how far the point sits below its roof
     */
    public record GemmPoint(int n, double intensity, double flops, String level, String roof, double roofFlops,
                            double ofRoof) {
    }
}
