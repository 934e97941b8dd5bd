package dev.flopcal.estimation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.flopcal.core.InvalidInputException;

/**
 * The optimizer of a training job, for the memory its states take: fp32 values per parameter beside the weights,
 * their gradients and (in mixed precision) the fp32 master weights ({@link MemoryPlan}).
 */
public enum Optimizer {
    /** Adam and AdamW: first and second moments, two fp32 values per parameter. */
    ADAM("adam", List.of("adam", "adamw"), 8, "Adam/AdamW keep two fp32 moments per parameter (Kingma and Ba 2015; ZeRO,"
            + " Rajbhandari et al. 2020, sec. 3.1: K = 12 bytes with the fp32 master weights)"),
    /** SGD with momentum: one fp32 momentum buffer per parameter. */
    SGD("sgd", List.of("sgd"), 4, "SGD with momentum keeps one fp32 momentum buffer per parameter (PyTorch"
            + " torch.optim.SGD momentum_buffer; without momentum it keeps none: pass --optimizer adafactor for 0)"),
    /** Lion: one fp32 momentum per parameter. */
    LION("lion", List.of("lion"), 4, "Lion keeps only a momentum, one fp32 value per parameter (Chen et al. 2023,"
            + " Symbolic Discovery of Optimization Algorithms)"),
    /** Adafactor without momentum: factored second moments, rows + columns per matrix, next to nothing per parameter. */
    ADAFACTOR("adafactor", List.of("adafactor"), 0, "Adafactor without momentum (its default) factors the second moment"
            + " into row and column sums, O(rows + columns) per matrix: counted as 0 bytes per parameter (Shazeer and"
            + " Stern 2018, sec. 3)");

    private final String id;
    private final List<String> names;
    private final double stateBytesPerParam;
    private final String source;

    Optimizer(String id, List<String> names, double stateBytesPerParam, String source) {
        this.id = id;
        this.names = names;
        this.stateBytesPerParam = stateBytesPerParam;
        this.source = source;
    }

    /** The command-line name. */
    public String id() {
        return id;
    }

    /** Bytes per parameter of the optimizer's own states (fp32), without the master weights. */
    public double stateBytesPerParam() {
        return stateBytesPerParam;
    }

    /** Where {@link #stateBytesPerParam()} comes from. */
    public String source() {
        return source;
    }

    /**
     * Parses {@code adam} (also {@code adamw}), {@code sgd}, {@code lion} or {@code adafactor}, ignoring case.
     *
     * @throws InvalidInputException naming the value and the accepted names
     */
    public static Optimizer parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Optimizer optimizer : values()) {
            if (optimizer.names.contains(key)) {
                return optimizer;
            }
        }
        throw new InvalidInputException("--optimizer '" + name + "': expected one of "
                + Arrays.stream(values()).flatMap(o -> o.names.stream()).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
