package dev.flopcal.hardware;

import java.util.Map;
import java.util.OptionalDouble;

import dev.flopcal.core.Precision;

/**
 * Per-core arithmetic rates of a CPU microarchitecture, from the sourced table
 * {@code microarchitectures.csv}. Rates count a fused multiply-add as two operations.
 *
 * @param id               e.g. "intel-emerald-rapids"
 * @param name             e.g. "Emerald Rapids (Raptor Cove server; Xeon Scalable 5th gen)"
 * @param shortName        e.g. "Emerald Rapids", "Zen 5": how a device name calls it
 * @param vectorBits       width of the FMA datapath
 * @param fmaUnits         full-width FMA pipes per core
 * @param perCycle         operations per cycle per core by precision, for the best instruction for that format
 *                         (absent: no native arithmetic for the format)
 * @param instructions     the instruction behind each non-FMA figure, e.g. bf16 → "VDPBF16PS (AVX512_BF16)"
 * @param amxBf16PerCycle  AMX tile rate for bf16, NaN where the core has no AMX
 * @param amxInt8PerCycle  AMX tile rate for int8, NaN where the core has no AMX
 * @param notes            caveats; contains "check" where a figure is unconfirmed
 * @param source           where the figures come from
 * @param l3BytesPerComplex the L3 one core shares with its core complex, bytes, where the table gives it (AMD); else 0
 */
public record Microarchitecture(String id, String name, String shortName, int vectorBits, int fmaUnits, Map<Precision, Double> perCycle,
                                Map<Precision, String> instructions, double amxBf16PerCycle, double amxInt8PerCycle,
                                String notes, String source, long l3BytesPerComplex) {

    public Microarchitecture {
        perCycle = Map.copyOf(perCycle);
        instructions = Map.copyOf(instructions);
    }

    /** Operations per cycle per core for a precision, if the core has arithmetic for it. */
    public OptionalDouble perCycle(Precision precision) {
        Double v = perCycle.get(precision);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** True when the table marks a figure of this row as unconfirmed. */
    public boolean needsCheck() {
        return notes.toLowerCase(java.util.Locale.ROOT).contains("check");
    }
}
