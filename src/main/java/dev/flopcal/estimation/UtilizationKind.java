package dev.flopcal.estimation;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.flopcal.core.InvalidInputException;

/**
 * Which FLOPs a utilization counts (Chowdhery et al. 2022, PaLM, appendix B, which introduced the distinction).
 * Model FLOPs are what the model needs (6·N per token in training), whatever the implementation executes; hardware
 * FLOPs are what the devices execute, including the forward pass that activation recomputation repeats (8·N per
 * token). The two differ only with {@code --recompute}: then an MFU-based time does not change (recomputation is
 * inside the MFU a run reaches), an HFU-based one grows by hardware / model FLOPs.
 */
public enum UtilizationKind {
    /** Model FLOPs utilization: model FLOPs / (time × nominal). */
    MFU("mfu"),
    /** Hardware FLOPs utilization: executed FLOPs, recomputation included, / (time × nominal). */
    HFU("hfu");

    private final String id;

    UtilizationKind(String id) {
        this.id = id;
    }

    /** The command-line name. */
    public String id() {
        return id;
    }

    /**
     * Parses {@code mfu} or {@code hfu}, ignoring case.
     *
     * @throws InvalidInputException naming the value and the accepted names
     */
    public static UtilizationKind parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (UtilizationKind kind : values()) {
            if (kind.id.equals(key)) {
                return kind;
            }
        }
        throw new InvalidInputException("--utilization-kind '" + name + "': expected one of "
                + Arrays.stream(values()).map(UtilizationKind::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
