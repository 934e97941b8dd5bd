package dev.flopcal.runs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.flopcal.hardware.AcceleratorCatalog;
import dev.flopcal.hardware.AcceleratorSpec;

/**
 * Which catalog rows are one chip: rows of the same vendor and kind whose datasheet peaks are identical in every
 * precision (and in the fp64 tensor-core figure) differ only in their memory, so published runs on one of them tell
 * about the others. In the shipped catalog: A100 40 GB and 80 GB; H100 and H200 (the same compute with more and
 * faster memory). H800 is not H100's chip by this rule (its fp64 is not published; its NVLink is cut to 400 GB/s),
 * nor are TPU generations each other's.
 *
 * <p>A group is named by its ids joined with {@code "/"}, e.g. {@code "a100-sxm-40gb/a100-sxm-80gb"}; an id the
 * catalog lacks (a run on {@code tpu-v3}) is a group of its own.
 */
public final class ChipGroups {
    private final Map<String, String> groupOf;

    private ChipGroups(Map<String, String> groupOf) {
        this.groupOf = Collections.unmodifiableMap(groupOf);
    }

    /** The groups of a catalog. */
    public static ChipGroups of(AcceleratorCatalog catalog) {
        List<List<AcceleratorSpec>> chips = new ArrayList<>();
        for (AcceleratorSpec spec : catalog.all()) {
            chips.stream().filter(chip -> sameChip(chip.get(0), spec)).findFirst()
                    .ifPresentOrElse(chip -> chip.add(spec), () -> chips.add(new ArrayList<>(List.of(spec))));
        }
        Map<String, String> groupOf = new LinkedHashMap<>();
        for (List<AcceleratorSpec> chip : chips) {
            String name = String.join("/", chip.stream().map(AcceleratorSpec::id).sorted().toList());
            chip.forEach(spec -> groupOf.put(spec.id(), name));
        }
        return new ChipGroups(groupOf);
    }

    private static boolean sameChip(AcceleratorSpec a, AcceleratorSpec b) {
        return a.vendor().equals(b.vendor()) && a.kind().equals(b.kind())
                && a.peakFlopsPerSecond().equals(b.peakFlopsPerSecond())
                && Objects.equals(a.fp64TensorFlopsPerSecond(), b.fp64TensorFlopsPerSecond());
    }

    /** The group of a hardware id: its chip's group, or the id itself when the catalog lacks it; "" for "". */
    public String groupOf(String hardwareId) {
        return hardwareId == null ? "" : groupOf.getOrDefault(hardwareId, hardwareId);
    }
}
