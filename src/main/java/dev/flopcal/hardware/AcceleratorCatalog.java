package dev.flopcal.hardware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.flopcal.core.CsvTable;
import dev.flopcal.core.InvalidInputException;
import dev.flopcal.core.Precision;

/**
 * The spec-sheet catalog of training accelerators, read from {@code accelerators.csv} (a copy of
 * {@code shared/data/accelerators.csv} shipped as a class-path resource).
 *
 * <p>The file gives dense (not sparse) peaks in TFLOP/s (TOP/s for int8), memory in GB, bandwidth in GB/s and
 * TDP in W; this class converts the peaks to FLOP/s (x 10^12) and keeps everything else in the file's units.
 * Empty cells stay absent. Instances are immutable.
 *
 * <pre>{@code
 * AcceleratorSpec h100 = AcceleratorCatalog.shipped().get("h100-sxm-80gb");
 * double bf16 = h100.peakFlops(Precision.BF16).orElseThrow();   // 9.894e14 FLOP/s
 * }</pre>
 */
public final class AcceleratorCatalog {
    /** Class-path location of the shipped catalog. */
    public static final String RESOURCE = "/dev/flopcal/data/accelerators.csv";

    private static final double TERA = 1e12;
    private static final Pattern CHECK = Pattern.compile("\\bcheck\\b", Pattern.CASE_INSENSITIVE);
    private static final Map<String, Precision> PEAK_COLUMNS = peakColumns();

    private final Map<String, AcceleratorSpec> byId;

    private AcceleratorCatalog(List<AcceleratorSpec> specs) {
        Map<String, AcceleratorSpec> map = new LinkedHashMap<>();
        for (AcceleratorSpec spec : specs) {
            map.put(spec.id(), spec);
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    private static Map<String, Precision> peakColumns() {
        Map<String, Precision> columns = new LinkedHashMap<>();
        columns.put("fp64_tflops", Precision.FP64);
        columns.put("fp32_tflops", Precision.FP32);
        columns.put("tf32_tflops", Precision.TF32);
        columns.put("bf16_tflops", Precision.BF16);
        columns.put("fp16_tflops", Precision.FP16);
        columns.put("fp8_tflops", Precision.FP8);
        columns.put("int8_tops", Precision.INT8);
        return Collections.unmodifiableMap(columns);
    }

    /** The catalog shipped with flopcal (read once, then shared). */
    public static AcceleratorCatalog shipped() {
        return Shipped.CATALOG;
    }

    private static final class Shipped {
        static final AcceleratorCatalog CATALOG = from(CsvTable.resource(RESOURCE));
    }

    /**
     * Builds a catalog from a table with the columns of {@code accelerators.csv}.
     *
     * @throws InvalidInputException naming file, line and column for a missing column, a non-numeric figure,
     *     a negative figure or a duplicate id
     */
    public static AcceleratorCatalog from(CsvTable table) {
        List<String> required = new ArrayList<>(List.of("id", "name", "vendor", "kind", "fp64_tensor_tflops", "memory_gb",
                "memory_bandwidth_gbps", "tdp_w", "notes", "source"));
        required.addAll(PEAK_COLUMNS.keySet());
        table.requireColumns(required.toArray(String[]::new));
        List<AcceleratorSpec> specs = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (CsvTable.Row row : table.rows()) {
            String id = row.text("id");
            if (id.isEmpty()) {
                throw row.error("id", "empty id");
            }
            Integer previous = seen.put(id, row.line());
            if (previous != null) {
                throw row.error("id", "duplicate id '" + id + "' (first on line " + previous + ")");
            }
            Map<Precision, Double> peaks = new EnumMap<>(Precision.class);
            for (Map.Entry<String, Precision> column : PEAK_COLUMNS.entrySet()) {
                double tera = nonNegative(row, column.getKey());
                if (!Double.isNaN(tera)) {
                    peaks.put(column.getValue(), tera * TERA);
                }
            }
            String notes = row.text("notes");
            specs.add(new AcceleratorSpec(id, row.text("name"), row.text("vendor"), row.text("kind"), peaks,
                    nonNegative(row, "fp64_tensor_tflops") * TERA, nonNegative(row, "memory_gb"),
                    nonNegative(row, "memory_bandwidth_gbps"), nonNegative(row, "tdp_w"), notes, row.text("source"),
                    CHECK.matcher(notes).find()));
        }
        return new AcceleratorCatalog(specs);
    }

    private static double nonNegative(CsvTable.Row row, String column) {
        double value = row.number(column);
        if (value < 0) {
            throw row.error(column, "negative figure " + row.text(column));
        }
        return value;
    }

    /** Every accelerator, in file order. */
    public List<AcceleratorSpec> all() {
        return List.copyOf(byId.values());
    }

    /** The ids, in file order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The accelerator with this id (exact, case-insensitive), or empty. */
    public Optional<AcceleratorSpec> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        AcceleratorSpec exact = byId.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        String lower = id.trim().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(byId.get(lower));
    }

    /**
     * The accelerator with this id.
     *
     * @throws InvalidInputException naming the id and listing the known ids
     */
    public AcceleratorSpec get(String id) {
        return find(id).orElseThrow(() -> new InvalidInputException("unknown accelerator '" + id + "'; known ids: "
                + String.join(", ", byId.keySet())));
    }
}
