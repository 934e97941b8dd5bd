package dev.flopcal.estimation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.flopcal.core.InvalidInputException;

/**
 * What the job does with each token, which sets the FLOPs per token (see {@link Workload#flopsPerToken()}).
 */
public enum WorkloadMode {
    /** Pre-training or full fine-tuning: forward and backward pass with weight gradients, 6 FLOPs per parameter. */
    TRAINING("training", List.of("training", "pretraining", "full")),
    /**
     * Adapter fine-tuning (LoRA and similar): frozen base weights, so the backward pass computes activation
     * gradients but no weight gradients, 4 FLOPs per parameter.
     */
    ADAPTER("lora", List.of("lora", "adapter")),
    /** Inference: forward pass only, 2 FLOPs per parameter. */
    INFERENCE("inference", List.of("inference"));

    private final String id;
    private final List<String> names;

    WorkloadMode(String id, List<String> names) {
        this.id = id;
        this.names = names;
    }

    /** The name printed in output, e.g. {@code "lora"}. */
    public String id() {
        return id;
    }

    /**
     * Parses a mode name, ignoring case: {@code training} (also {@code pretraining}, {@code full}), {@code lora}
     * (also {@code adapter}) or {@code inference}.
     *
     * @throws InvalidInputException naming the value and the accepted names
     */
    public static WorkloadMode parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (WorkloadMode mode : values()) {
            if (mode.names.contains(key)) {
                return mode;
            }
        }
        throw new InvalidInputException("--mode '" + name + "': expected one of "
                + Arrays.stream(values()).flatMap(m -> m.names.stream()).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
