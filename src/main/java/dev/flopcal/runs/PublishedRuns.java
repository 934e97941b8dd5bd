package dev.flopcal.runs;

import java.util.ArrayList;
import java.util.List;

import dev.flopcal.core.CsvTable;

/**
 * Loads {@code published-runs.csv} (a copy of {@code shared/data/published-runs.csv} on the class path). Every
 * row keeps its source; only figures the source states are filled in.
 */
public final class PublishedRuns {
    /** Class-path location of the shipped file. */
    public static final String RESOURCE = "/dev/flopcal/data/published-runs.csv";

    private static final String[] COLUMNS = {"model", "params", "active_params", "tokens", "hardware", "devices",
        "wall_clock_days", "device_hours", "mfu", "tflops_per_device", "training_flops", "energy_mwh", "co2_tonnes",
        "cost_usd", "power_w_per_device", "notes", "source"};

    private PublishedRuns() {
    }

    /** The shipped runs, read once. */
    public static List<PublishedRun> shipped() {
        return Shipped.RUNS;
    }

    private static final class Shipped {
        static final List<PublishedRun> RUNS = from(CsvTable.resource(RESOURCE));
    }

    /**
     * Reads runs from a table with the columns of {@code published-runs.csv}.
     *
     * @throws dev.flopcal.core.InvalidInputException naming file, line and column of a missing column, a non-numeric
     *     or negative figure, a fraction above 1 or a fractional device count
     */
    public static List<PublishedRun> from(CsvTable table) {
        table.requireColumns(COLUMNS);
        List<PublishedRun> runs = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            double devices = nonNegative(row, "devices");
            if (!Double.isNaN(devices) && devices != Math.rint(devices)) {
                throw row.error("devices", "'" + row.text("devices") + "' is not a whole number");
            }
            double mfu = nonNegative(row, "mfu");
            if (mfu > 1) {
                throw row.error("mfu", "MFU " + row.text("mfu") + " is above 1; the column holds a fraction");
            }
            runs.add(new PublishedRun(row.line(), row.text("model"), nonNegative(row, "params"),
                    nonNegative(row, "active_params"), nonNegative(row, "tokens"), row.text("hardware"),
                    Double.isNaN(devices) ? 0 : (int) devices, nonNegative(row, "wall_clock_days"),
                    nonNegative(row, "device_hours"), mfu, nonNegative(row, "tflops_per_device"),
                    nonNegative(row, "training_flops"), nonNegative(row, "energy_mwh"), nonNegative(row, "co2_tonnes"),
                    nonNegative(row, "cost_usd"), nonNegative(row, "power_w_per_device"), row.text("notes"),
                    row.text("source")));
        }
        return List.copyOf(runs);
    }

    private static double nonNegative(CsvTable.Row row, String column) {
        double value = row.number(column);
        if (value < 0) {
            throw row.error(column, "negative figure " + row.text(column));
        }
        return value;
    }
}
