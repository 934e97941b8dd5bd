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

    /** A copy with other memory levels. */
    public Roofline withMemory(List<MemoryLevel> newMemory) {
        return new Roofline(threads, compute, newMemory, ridge);
    }

    /**
     * @param level           "L1", "L2", "L3" or "DRAM"
     * @param bytesPerSecond  plateau bandwidth of the triad: the mean over its JVMs of each JVM's mean over the level's
     *                        working sets, with the 95% interval a rerun falls in
     * @param workingSets     the working sets (bytes) that fell in this level
     * @param kernels         every bandwidth kernel measured at the level (read, write, copy, triad), each with the
     *                        native reference where one ran; null in profiles from before the harness had kernels
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MemoryLevel(String level, Quantity bytesPerSecond, List<Long> workingSets, List<KernelBandwidth> kernels) {

        /** A level without per-kernel figures (profiles from before the harness had kernels). */
        public MemoryLevel(String level, Quantity bytesPerSecond, List<Long> workingSets) {
            this(level, bytesPerSecond, workingSets, null);
        }

        /** A copy with other per-kernel figures. */
        public MemoryLevel withKernels(List<KernelBandwidth> newKernels) {
            return new MemoryLevel(level, bytesPerSecond, workingSets, newKernels);
        }
    }

    /**
     * One bandwidth kernel at one memory level, beside the native reference at the same working set and threads.
     *
     * @param kernel          "read", "write", "copy" or "triad" ({@code dev.flopcal.kernels.StreamKernel})
     * @param workingSetBytes total bytes of the kernel's arrays over all threads
     * @param bytesPerSecond  STREAM-convention bytes per second (8 per load and per store) over its JVMs, with the 95%
     *                        interval a rerun falls in
     * @param jvms            JVMs behind it
     * @param reference       the native reference (likwid-bench) at this level, or null where none ran
     * @param ofReference     bytesPerSecond / the reference's, with the two intervals combined; null without one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KernelBandwidth(String kernel, long workingSetBytes, Quantity bytesPerSecond, int jvms,
                                  NativeBandwidth reference, Quantity ofReference) {
    }

    /**
     * The native bandwidth reference of one kernel at one level: likwid-bench's assembly kernel run as a process of its
     * own, several times, beside the JVM's measurement. Its runs are its raw data: {@code verify} recomputes the rest.
     *
     * @param tool            e.g. "likwid-bench 5.2"
     * @param test            likwid-bench's test, e.g. "stream_avx512"
     * @param command         one run's command line (the iterations vary with the run's target duration)
     * @param workingSetBytes the total size likwid-bench reported using (it rounds to its loop stride and threads)
     * @param threads         threads (likwid-bench pins one to each of the first CPUs)
     * @param runs            each run's bytes per second (likwid-bench's MByte/s × 10⁶), in run order
     * @param bytesPerSecond  the runs combined: their mean, with the 95% interval a rerun falls in (spread between runs
     *                        pooled over the reference's series of the same threads)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NativeBandwidth(String tool, String test, String command, long workingSetBytes, int threads,
                                  List<Double> runs, Quantity bytesPerSecond) {
        public NativeBandwidth {
            runs = List.copyOf(runs);
        }

        /** A copy with another combined figure. */
        public NativeBandwidth withBytesPerSecond(Quantity q) {
            return new NativeBandwidth(tool, test, command, workingSetBytes, threads, runs, q);
        }
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
