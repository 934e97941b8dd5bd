package dev.flopcal.hardware;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.flopcal.core.CsvTable;
import dev.flopcal.core.Precision;

/**
 * The sourced table of CPU microarchitectures ({@code dev/flopcal/hardware/microarchitectures.csv}), matched
 * by CPUID family/model/stepping on x86 and by MIDR implementer:part on Arm.
 */
public final class Microarchitectures {
    private static final String RESOURCE = "/dev/flopcal/hardware/microarchitectures.csv";
    private static final List<Entry> ROWS = load();

    private Microarchitectures() {
    }

    private record Entry(Microarchitecture uarch, String vendor, int family, List<Integer> models,
                       int steppingFrom, int steppingTo, String armPart) {
    }

    /** Every row of the table. */
    public static List<Microarchitecture> all() {
        return ROWS.stream().map(Entry::uarch).toList();
    }

    /** The microarchitecture of a detected processor, if the table knows it. */
    public static Optional<Microarchitecture> of(Cpu cpu) {
        String vendor = cpu.vendor().toLowerCase(Locale.ROOT);
        for (Entry r : ROWS) {
            if (!r.armPart.isEmpty()) {
                String[] parts = r.armPart.split(":");
                int part = Integer.parseInt(parts[1].substring(2), 16);
                boolean armVendor = vendor.contains("arm") || cpu.family() == Integer.parseInt(parts[0].substring(2), 16);
                if (armVendor && cpu.model() == part) {
                    return Optional.of(r.uarch);
                }
            } else if (vendorMatches(r.vendor, vendor) && cpu.family() == r.family && r.models.contains(cpu.model())
                    && cpu.stepping() >= r.steppingFrom && cpu.stepping() <= r.steppingTo) {
                return Optional.of(r.uarch);
            }
        }
        return Optional.empty();
    }

    private static boolean vendorMatches(String tableVendor, String cpuVendor) {
        String t = tableVendor.toLowerCase(Locale.ROOT);
        return t.equals("intel") ? cpuVendor.contains("intel") : t.equals("amd") ? cpuVendor.contains("amd") : cpuVendor.contains(t);
    }

    private static List<Entry> load() {
        List<Entry> rows = new ArrayList<>();
        for (CsvTable.Row r : CsvTable.resource(RESOURCE).rows()) {
            Map<Precision, Double> perCycle = new EnumMap<>(Precision.class);
            Map<Precision, String> instructions = new EnumMap<>(Precision.class);
            put(perCycle, Precision.FP64, r.number("fp64_flops_per_cycle"));
            put(perCycle, Precision.FP32, r.number("fp32_flops_per_cycle"));
            put(perCycle, Precision.BF16, r.number("bf16_flops_per_cycle"));
            put(perCycle, Precision.FP16, r.number("fp16_flops_per_cycle"));
            put(perCycle, Precision.INT8, r.number("int8_ops_per_cycle"));
            putText(instructions, Precision.BF16, r.text("bf16_instruction"));
            putText(instructions, Precision.FP16, r.text("fp16_instruction"));
            putText(instructions, Precision.INT8, r.text("int8_instruction"));
            Microarchitecture u = new Microarchitecture(r.text("id"), r.text("name"), r.text("short_name"),
                    (int) r.number("vector_bits"), (int) r.number("fma_units"), perCycle, instructions, r.number("amx_bf16_flops_per_cycle"),
                    r.number("amx_int8_ops_per_cycle"), r.text("notes"), r.text("source"),
                    r.isEmpty("l3_kib_per_complex") ? 0 : (long) r.number("l3_kib_per_complex") * 1024);
            String steppings = r.text("cpuid_steppings");
            int from = 0, to = Integer.MAX_VALUE;
            if (!steppings.isEmpty()) {
                String[] range = steppings.split("-");
                from = Integer.parseInt(range[0].trim());
                to = Integer.parseInt(range[range.length - 1].trim());
            }
            List<Integer> models = new ArrayList<>();
            for (String m : r.text("cpuid_models").split(";")) {
                if (!m.isBlank()) {
                    models.add(Integer.parseInt(m.trim()));
                }
            }
            String family = r.text("cpuid_family");
            rows.add(new Entry(u, r.text("vendor"), family.isEmpty() ? -1 : Integer.parseInt(family), List.copyOf(models),
                    from, to, r.text("arm_part").toLowerCase(Locale.ROOT)));
        }
        return List.copyOf(rows);
    }

    private static void put(Map<Precision, Double> map, Precision p, double v) {
        if (!Double.isNaN(v)) {
            map.put(p, v);
        }
    }

    private static void putText(Map<Precision, String> map, Precision p, String cell) {
        if (cell != null && !cell.isBlank()) {
            map.put(p, cell);
        }
    }
}
