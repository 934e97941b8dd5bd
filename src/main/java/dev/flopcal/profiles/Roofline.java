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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Roofline(int threads, Map<String, Quantity> compute, List<MemoryLevel> memory, Map<String, Double> ridge) {

    /**
     * @param level           "L1", "L2", "L3" or "DRAM"
     * @param bytesPerSecond  plateau bandwidth: the mean over its JVMs of each JVM's mean over the level's working
     *                        sets, with the 95% interval a rerun falls in
     * @param workingSets     the working sets (bytes) that fell in this level
     */
    public record MemoryLevel(String level, Quantity bytesPerSecond, List<Long> workingSets) {
    }
}
