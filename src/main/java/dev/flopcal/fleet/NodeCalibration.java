package dev.flopcal.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.flopcal.core.Precision;
import dev.flopcal.measurement.CalibrationPlan;
import dev.flopcal.measurement.Mode;

/**
 * What every node of a fleet measures: the calibration flags its node task passes to {@code calibrate}.
 *
 * @param mode       "quick", "default" or "full" ({@link Mode#id()})
 * @param precisions GEMM precision ids, or null for calibrate's default (all five)
 * @param sizes      square sizes, or null for the mode's default
 * @param threads    thread counts, or null for the mode's default (each node checks them against its own hardware
 *                   threads)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"mode", "precisions", "sizes", "threads"})
public record NodeCalibration(String mode, List<String> precisions, List<Integer> sizes, List<Integer> threads) {

    public NodeCalibration {
        precisions = precisions == null ? null : List.copyOf(precisions);
        sizes = sizes == null ? null : List.copyOf(sizes);
        threads = threads == null ? null : List.copyOf(threads);
    }

    /**
     * Checks the flags that do not depend on the node (precisions, sizes, positive thread counts) and records them.
     *
     * @throws dev.flopcal.core.InvalidInputException naming the first bad value
     */
    public static NodeCalibration of(Mode mode, List<Precision> precisions, List<Integer> sizes,
                                     List<Integer> threads) {
        CalibrationPlan.checkPortable(precisions, sizes, threads);
        return new NodeCalibration(mode.id(), precisions == null ? null : precisions.stream().map(Precision::id)
                .distinct().toList(), sizes, threads);
    }

    /** The flags of {@code calibrate} that measure this way, e.g. {@code --quick --precisions fp32 --sizes 64,96}. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        if (!Mode.DEFAULT.id().equals(mode)) {
            args.add("--" + mode);
        }
        if (precisions != null) {
            args.add("--precisions");
            args.add(String.join(",", precisions));
        }
        if (sizes != null) {
            args.add("--sizes");
            args.add(sizes.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        if (threads != null) {
            args.add("--threads");
            args.add(threads.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        return args;
    }
}
