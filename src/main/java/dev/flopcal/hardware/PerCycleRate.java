package dev.flopcal.hardware;

import dev.flopcal.core.Precision;

/**
 * Operations per cycle per core for one precision, and what the figure rests on.
 *
 * @param precision   the format
 * @param perCycle    operations per cycle per core (an FMA counts two)
 * @param instruction e.g. "2 × 512-bit FMA", "VPDPBUSD (AVX512_VNNI)", "2 × 512-bit FMA on bf16 widened to fp32"
 * @param source      where the figure comes from
 * @param estimated   true when inferred from ISA flags or marked "check" in the table
 */
public record PerCycleRate(Precision precision, double perCycle, String instruction, String source, boolean estimated) {

    /** The nominal peak at a clock over a number of cores. */
    public NominalPeak at(int cores, double clockHz, String clockBasis) {
        double flops = cores * clockHz * perCycle;
        String unit = precision.isInteger() ? "op" : "FLOP";
        String basis = String.format("%d core%s × %.3f GHz (%s) × %s %s/cycle (%s)", cores, cores == 1 ? "" : "s",
                clockHz / 1e9, clockBasis, perCycle == Math.rint(perCycle) ? Long.toString((long) perCycle)
                        : Double.toString(perCycle), unit, instruction);
        return new NominalPeak(precision, flops, cores, clockHz, perCycle, instruction, basis, source, estimated);
    }
}
